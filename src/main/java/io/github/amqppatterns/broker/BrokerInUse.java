package io.github.amqppatterns.broker;

import java.time.Duration;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

/** The broker this instance talks to, and where the embedded one differs from RabbitMQ. */
public final class BrokerInUse {

	private static final Logger logger = LoggerFactory.getLogger(BrokerInUse.class);

	private final @Nullable EmbeddedBroker embedded;

	private final String addresses;

	private final QueueType queueType;

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

	public Queue durable(String name) {
		QueueBuilder builder = QueueBuilder.durable(name);
		return (this.queueType == QueueType.QUORUM) ? builder.quorum().build() : builder.build();
	}

	/**
	 * A durable queue that keeps its messages however often they are fetched and put back (a
	 * listing). Since RabbitMQ 4.0 a quorum queue drops a message past 20 deliveries, and 4's "no
	 * limit" ({@code -1}) is a limit of 0 to 3.x: so the highest limit, which also puts a requeued
	 * message back at the head.
	 */
	public Queue durableWithoutDeliveryLimit(String name) {
		QueueBuilder builder = QueueBuilder.durable(name);
		return (this.queueType == QueueType.QUORUM) ? builder.quorum().deliveryLimit(Integer.MAX_VALUE).build()
				: builder.build();
	}

	/**
	 * The {@code expiration} for a message that must not outlive {@code ttl}: RabbitMQ reads
	 * milliseconds from now, Qpid Broker-J milliseconds since the epoch.
	 */
	public String expiration(Duration ttl) {
		long millis = ttl.toMillis();
		return Long.toString(isEmbedded() ? System.currentTimeMillis() + millis : millis);
	}

	/**
	 * Whether publishes go out {@code mandatory}, so that the broker returns a message no queue
	 * takes: Qpid nacks one where RabbitMQ confirms and returns it.
	 */
	public boolean publishesMandatory() {
		return !isEmbedded();
	}

	/** Whether {@code queue.declare-ok}'s message count includes unacknowledged messages (Qpid's does). */
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
