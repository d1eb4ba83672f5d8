package io.github.amqppatterns.streams;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code streams} component: UP where this instance has streams,
 * otherwise UNKNOWN with the reason; the super stream, which older brokers lack, is a detail. Never
 * DOWN: the rest of the service works without streams, so they count neither against health nor
 * readiness.
 */
@Component
class StreamsHealthIndicator extends AbstractHealthIndicator {

	private final StreamsAvailability availability;

	StreamsHealthIndicator(StreamsAvailability availability) {
		this.availability = availability;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.availability.available()) {
			builder.up();
		}
		else {
			builder.unknown().withDetail("reason", this.availability.unavailable());
		}
		String superStream = this.availability.superStreamUnavailable();
		builder.withDetail("superStream",
				StreamsTopology.SUPER_STREAM + ": " + ((superStream != null) ? superStream : "available"));
	}

}
