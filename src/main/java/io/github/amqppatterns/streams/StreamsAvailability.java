package io.github.amqppatterns.streams;

import com.rabbitmq.stream.Environment;
import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Whether this instance has streams, decided once as the context starts, before the declarations
 * and listeners start, so before the service says it is ready: not on the embedded broker, nor where
 * the stream protocol does not answer ({@code rabbitmq_stream}); the super stream from RabbitMQ 3.13.
 * Without them the stream endpoints answer 503 with the reason, and nothing else changes; a plugin
 * enabled later takes a restart. Also {@code /actuator/health}'s {@code streams}: UP, or UNKNOWN with
 * the reason, never DOWN, so that streams count neither against health nor readiness.
 */
@Component("streamsHealthIndicator")
class StreamsAvailability implements HealthIndicator {

	static final String EMBEDDED = "The embedded broker has no streams: configure a RabbitMQ with the "
			+ "rabbitmq_stream plugin (spring.rabbitmq.host, spring.rabbitmq.stream.port)";

	private static final Logger logger = LoggerFactory.getLogger(StreamsAvailability.class);

	private final @Nullable String unavailable;

	private final @Nullable String superStreamUnavailable;

	StreamsAvailability(BrokerInUse broker, Environment environment, ConnectionFactory connectionFactory) {
		this.unavailable = broker.isEmbedded() ? EMBEDDED : probe(environment);
		this.superStreamUnavailable = (this.unavailable != null) ? this.unavailable : superStreams(connectionFactory);
		if (this.unavailable != null) {
			logger.warn("Streams unavailable: {}", this.unavailable);
		}
		else if (this.superStreamUnavailable != null) {
			logger.warn("Super stream unavailable: {}", this.superStreamUnavailable);
		}
	}

	private static @Nullable String probe(Environment environment) {
		try {
			environment.streamExists(StreamsTopology.HELLO);
			return null;
		}
		catch (RuntimeException ex) {
			return "The broker's stream protocol does not answer (" + ex.getMessage()
					+ "): streams need RabbitMQ with the rabbitmq_stream plugin";
		}
	}

	private static @Nullable String superStreams(ConnectionFactory connectionFactory) {
		String version;
		try {
			version = String.valueOf(connectionFactory.createConnection().getDelegate().getServerProperties().get("version"));
			if (Runtime.Version.parse(version).compareTo(Runtime.Version.parse("3.13")) >= 0) {
				return null;
			}
		}
		catch (RuntimeException ex) {
			version = "of a version it did not say: " + ex.getMessage();
		}
		return "This broker (RabbitMQ " + version + ") cannot declare the super stream '" + StreamsTopology.SUPER_STREAM
				+ "': super streams need RabbitMQ 3.13 or later";
	}

	boolean available() {
		return this.unavailable == null;
	}

	boolean superStreamAvailable() {
		return this.superStreamUnavailable == null;
	}

	@Nullable String unavailable() {
		return this.unavailable;
	}

	@Nullable String superStreamUnavailable() {
		return this.superStreamUnavailable;
	}

	/** A 503 that says why, where this instance has no streams ({@code superStream}: no super stream). */
	void require(boolean superStream) {
		String why = superStream ? this.superStreamUnavailable : this.unavailable;
		if (why != null) {
			throw unavailable(why);
		}
	}

	static ApiException unavailable(String why) {
		return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Streams unavailable", why);
	}

	@Override
	public Health health() {
		Health.Builder health = (this.unavailable == null) ? Health.up() : Health.unknown().withDetail("reason", this.unavailable);
		return health.withDetail("superStream", StreamsTopology.SUPER_STREAM + ": "
				+ ((this.superStreamUnavailable != null) ? this.superStreamUnavailable : "available")).build();
	}

}
