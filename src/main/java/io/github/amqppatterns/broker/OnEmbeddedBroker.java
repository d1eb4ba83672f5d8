package io.github.amqppatterns.broker;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether to start the embedded broker: as {@code amqp-patterns.embedded-broker.enabled} says
 * ({@link EmbeddedBrokerProperties#enabled()}), or, when it is unset, only when no broker is
 * configured.
 */
class OnEmbeddedBroker extends SpringBootCondition {

	static final List<String> BROKER_PROPERTIES = List.of("spring.rabbitmq.host", "spring.rabbitmq.port",
			"spring.rabbitmq.addresses");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		Boolean enabled = Binder.get(environment)
			.bindOrCreate(EmbeddedBrokerProperties.PREFIX, EmbeddedBrokerProperties.class)
			.enabled();
		if (enabled != null) {
			return new ConditionOutcome(enabled, EmbeddedBrokerProperties.PREFIX + ".enabled=" + enabled);
		}
		for (String property : BROKER_PROPERTIES) {
			if (environment.containsProperty(property)) {
				return ConditionOutcome.noMatch("a broker is configured (" + property + ")");
			}
		}
		return ConditionOutcome.match("no broker is configured (" + String.join(", ", BROKER_PROPERTIES) + ")");
	}

}
