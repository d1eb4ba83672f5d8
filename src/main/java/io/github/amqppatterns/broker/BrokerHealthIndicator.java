package io.github.amqppatterns.broker;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code broker} component: which broker this instance uses and where.
 * The embedded broker's state is checked here; a configured broker's reachability is the
 * {@code rabbit} component's.
 */
@Component
class BrokerHealthIndicator extends AbstractHealthIndicator {

	private final BrokerInUse broker;

	BrokerHealthIndicator(BrokerInUse broker) {
		this.broker = broker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		EmbeddedBroker embedded = this.broker.embedded();
		if (embedded != null) {
			(embedded.isActive() ? builder.up() : builder.down()).withDetail("mode", "embedded")
				.withDetail("product", EmbeddedBroker.PRODUCT + " " + embedded.version());
		}
		else {
			builder.up().withDetail("mode", "configured");
		}
		builder.withDetail("addresses", this.broker.addresses())
			.withDetail("queueType", this.broker.queueType().id());
	}

}
