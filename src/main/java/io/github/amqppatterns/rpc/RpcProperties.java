package io.github.amqppatterns.rpc;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Fibonacci RPC. The roles' {@code enabled} flags are read by a condition, {@link OnRpcRole},
 * which binds this record itself, so that no annotation repeats their names and defaults.
 *
 * @param maxN largest n served (fib(1,000,000) has 208,988 digits); the client refuses larger n
 * before sending, the server answers them with an error reply
 * @param replyTimeout how long a caller waits for the reply before a 504; also each request's
 * expiration, so a late server does not compute answers nobody waits for
 * @param serverCheckAfter how long a call waits for its reply before it asks the broker whether
 * any server consumes {@code rpc_queue}; with none, the caller gets a 503 then, not a 504 at the
 * reply timeout. Calls answered sooner (most) cost the broker no such question. Less than the
 * reply timeout
 * @param server the RPC server's settings
 * @param client the RPC client's (the HTTP endpoint's) settings
 */
@Validated
@ConfigurationProperties(RpcProperties.PREFIX)
record RpcProperties(@DefaultValue("1000000") @Min(0) @Max(10_000_000) int maxN,
		@DefaultValue("5s") @NotNull Duration replyTimeout, @DefaultValue("100ms") @NotNull Duration serverCheckAfter,
		@DefaultValue @Valid Server server, @DefaultValue @Valid Client client) {

	static final String PREFIX = "amqp-patterns.rpc";

	RpcProperties {
		if (replyTimeout.toMillis() < 1) {
			throw new IllegalArgumentException("amqp-patterns.rpc.reply-timeout must be at least 1ms");
		}
		if (serverCheckAfter.toMillis() < 1 || serverCheckAfter.compareTo(replyTimeout) >= 0) {
			throw new IllegalArgumentException("amqp-patterns.rpc.server-check-after must be at least 1ms and less "
					+ "than amqp-patterns.rpc.reply-timeout (" + replyTimeout + ")");
		}
	}

	/**
	 * @param enabled whether this instance serves {@code rpc_queue}
	 * @param concurrency how many consumers serve it here, one request at a time each
	 */
	record Server(@DefaultValue("true") boolean enabled, @DefaultValue("1") @Min(1) @Max(64) int concurrency) {
	}

	/**
	 * @param enabled whether this instance offers {@code GET /api/fib/{n}}
	 */
	record Client(@DefaultValue("true") boolean enabled) {
	}

}
