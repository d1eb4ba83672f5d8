package io.github.amqppatterns.rpc;

import java.util.function.Predicate;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether this instance plays an RPC role, as {@code amqp-patterns.rpc.server.enabled} and
 * {@code .client.enabled} say. A condition runs before any bean exists, so it binds
 * {@link RpcProperties} itself, with Boot's {@code Binder}: the record stays the one definition of
 * each setting's name and default, and the one that is read.
 */
abstract class OnRpcRole extends SpringBootCondition {

	private final String property;

	private final Predicate<RpcProperties> enabled;

	OnRpcRole(String role, Predicate<RpcProperties> enabled) {
		this.property = RpcProperties.PREFIX + "." + role + ".enabled";
		this.enabled = enabled;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		RpcProperties properties = Binder.get(context.getEnvironment())
			.bindOrCreate(RpcProperties.PREFIX, RpcProperties.class);
		boolean match = this.enabled.test(properties);
		return new ConditionOutcome(match, this.property + "=" + match);
	}

	/** The RPC server: consumes {@code rpc_queue}. */
	static final class Server extends OnRpcRole {

		Server() {
			super("server", (properties) -> properties.server().enabled());
		}

	}

	/** The RPC client: offers {@code GET /api/fib/{n}}. */
	static final class Client extends OnRpcRole {

		Client() {
			super("client", (properties) -> properties.client().enabled());
		}

	}

}
