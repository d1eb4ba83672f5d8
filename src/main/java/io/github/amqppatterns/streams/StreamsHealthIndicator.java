package io.github.amqppatterns.streams;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code streams} component: UP once the streams are declared and the
 * stream listener runs; otherwise UNKNOWN, with the reason. The super stream, which older brokers
 * lack, is a detail: available, or why not. Never DOWN: the rest of the service
 * works without streams, so they count neither against health nor readiness.
 */
@Component
class StreamsHealthIndicator extends AbstractHealthIndicator {

	private final StreamStarter starter;

	private final StreamsProperties properties;

	StreamsHealthIndicator(StreamStarter starter, StreamsProperties properties) {
		this.starter = starter;
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.starter.started()) {
			builder.up();
		}
		else {
			builder.unknown().withDetail("reason", this.starter.unavailable());
		}
		builder.withDetail("streams", new String[] { this.properties.hello().name(), this.properties.offsetTracking().name() });
		SuperStreamConsumers.SuperStreamStatus superStream = this.starter.superStreamStatus();
		builder.withDetail("superStream", superStream.available() ? superStream.name() + ": available"
				: superStream.name() + ": " + superStream.unavailable());
	}

}
