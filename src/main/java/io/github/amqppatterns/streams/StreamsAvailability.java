package io.github.amqppatterns.streams;

import com.rabbitmq.stream.Environment;
import io.github.amqppatterns.broker.BrokerInUse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Whether this instance can use streams, decided once, as the context starts: before the
 * declarations and listeners start, so before the service says it is ready. The embedded broker
 * has none; a RabbitMQ has them where its stream protocol answers ({@code rabbitmq_stream}), and a
 * super stream from 3.13. Where it has none, the stream endpoints answer 503 with the reason and
 * the rest of the service works; a plugin enabled later takes a restart of the service.
 */
@Component
class StreamsAvailability {

	static final String EMBEDDED = "The embedded broker has no streams: configure a RabbitMQ with the "
			+ "rabbitmq_stream plugin (spring.rabbitmq.host, spring.rabbitmq.stream.port)";

	private static final Logger logger = LoggerFactory.getLogger(StreamsAvailability.class);

	private static final Runtime.Version SUPER_STREAMS = Runtime.Version.parse("3.13");

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
			if (Runtime.Version.parse(version).compareTo(SUPER_STREAMS) >= 0) {
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

	/** Throws a 503 that says why, where this instance has no streams. */
	void require() {
		if (this.unavailable != null) {
			throw new StreamsUnavailableException(this.unavailable);
		}
	}

	/** Throws a 503 that says why, where this instance has no super stream. */
	void requireSuperStream() {
		if (this.superStreamUnavailable != null) {
			throw new StreamsUnavailableException(this.superStreamUnavailable);
		}
	}

}
