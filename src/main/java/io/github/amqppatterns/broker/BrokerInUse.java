package io.github.amqppatterns.broker;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Queue;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

/**
 * The broker this instance talks to, and what follows from it for the topology: the embedded
 * broker has classic queues only.
 */
public final class BrokerInUse {

	private static final Logger logger = LoggerFactory.getLogger(BrokerInUse.class);

	private final @Nullable EmbeddedBroker embedded;

	private final String addresses;

	private final QueueType queueType;

	private final Clock clock = Clock.systemUTC();

	BrokerInUse(@Nullable EmbeddedBroker embedded, RabbitConnectionDetails details, @Nullable QueueType configured) {
		this.embedded = embedded;
		this.addresses = details.getAddresses()
			.stream()
			.map((address) -> address.host() + ":" + address.port())
			.collect(Collectors.joining(","));
		if (embedded != null && configured == QueueType.QUORUM) {
			throw new IllegalStateException("amqp-patterns.queue-type=quorum, but the embedded broker has no quorum "
					+ "queues: leave the setting out, or configure a RabbitMQ (spring.rabbitmq.host)");
		}
		this.queueType = (embedded != null) ? QueueType.CLASSIC : (configured != null) ? configured : QueueType.QUORUM;
		if (embedded != null) {
			logger.info("Broker: the embedded {} {} at amqp://{} (in memory; classic queues only, no quorum "
					+ "queues, no x- queue arguments such as TTL or dead-lettering, no direct reply-to). "
					+ "Set SPRING_RABBITMQ_HOST to use a RabbitMQ instead.", EmbeddedBroker.PRODUCT, embedded.version(),
					this.addresses);
		}
		else {
			logger.info("Broker: the configured broker at amqp://{} ({} queues)", this.addresses,
					this.queueType.id());
		}
	}

	/** A named, durable queue of the type this broker takes. */
	public Queue durable(String name) {
		return this.queueType.durable(name);
	}

	/** A named, durable queue of the type this broker takes, with no practical delivery limit. */
	public Queue durableWithoutDeliveryLimit(String name) {
		return this.queueType.durableWithoutDeliveryLimit(name);
	}

	/**
	 * The {@code expiration} property for a message that must not outlive {@code ttl}. RabbitMQ
	 * reads it as milliseconds from now; Qpid Broker-J reads the AMQP 0-9-1 field as a point in
	 * time (milliseconds since the epoch), and takes a RabbitMQ-style value as long expired.
	 */
	public String expiration(Duration ttl) {
		long millis = ttl.toMillis();
		return Long.toString(isEmbedded() ? this.clock.millis() + millis : millis);
	}

	/**
	 * Whether publishes go out {@code mandatory}, so that the broker returns a message no queue
	 * takes and the service can say so. Not on the embedded broker: Qpid nacks an unroutable
	 * mandatory message (before returning it) where RabbitMQ confirms and returns it, so there the
	 * service publishes without {@code mandatory} and does not report routing.
	 */
	public boolean publishesMandatory() {
		return !isEmbedded();
	}

	/**
	 * Whether a queue's message count ({@code queue.declare-ok}) includes the messages delivered
	 * and not yet acknowledged. RabbitMQ counts the ready messages only; Qpid Broker-J counts its
	 * whole depth.
	 */
	public boolean countsUnacknowledged() {
		return isEmbedded();
	}

	public QueueType queueType() {
		return this.queueType;
	}

	public boolean isEmbedded() {
		return this.embedded != null;
	}

	String addresses() {
		return this.addresses;
	}

	@Nullable EmbeddedBroker embedded() {
		return this.embedded;
	}

}
