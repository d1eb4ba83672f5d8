package io.github.amqppatterns.rpc;

import java.time.Duration;
import java.util.function.Predicate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxN largest n served (fib(1,000,000) has 208,988 digits)
 * @param replyTimeout how long a caller waits for the reply before a 504; also each request's
 * expiration, so a late server does not compute answers nobody waits for
 * @param serverCheckAfter how long a call waits before it asks whether any server consumes
 * {@code rpc_queue} (a 503 if none does); less than the reply timeout
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

	/** @param enabled whether this instance offers {@code GET /api/fib/{n}} */
	record Client(@DefaultValue("true") boolean enabled) {
	}

	/** Runs before any bean exists, so it binds the record, the one definition of each default. */
	abstract static class OnRole extends SpringBootCondition {

		private final String property;

		private final Predicate<RpcProperties> enabled;

		OnRole(String role, Predicate<RpcProperties> enabled) {
			this.property = PREFIX + "." + role + ".enabled";
			this.enabled = enabled;
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			RpcProperties properties = Binder.get(context.getEnvironment()).bindOrCreate(PREFIX, RpcProperties.class);
			boolean match = this.enabled.test(properties);
			return new ConditionOutcome(match, this.property + "=" + match);
		}

	}

	static final class OnServer extends OnRole {

		OnServer() {
			super("server", (properties) -> properties.server().enabled());
		}

	}

	static final class OnClient extends OnRole {

		OnClient() {
			super("client", (properties) -> properties.client().enabled());
		}

	}

}
