package io.github.amqppatterns.broker;

import java.util.Locale;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * How the named, durable tutorial queues are declared. The official tutorial clients declare
 * {@code hello}, {@code task_queue} and {@code rpc_queue} as quorum queues; a broker without
 * quorum queues needs classic ones. Declaring a queue with another type than the broker already
 * has fails with {@code PRECONDITION_FAILED}, so this must match what other clients declare.
 */
public enum QueueType {

	QUORUM, CLASSIC;

	/** As settings, logs and health show it: {@code quorum}, {@code classic}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The highest {@code x-delivery-limit}: no listing or retry gets a message near it. A quorum
	 * queue drops (or dead-letters) a message delivered more often than its limit, and since
	 * RabbitMQ 4.0 every quorum queue has a limit of 20 unless told otherwise. RabbitMQ 4's own "no
	 * limit", {@code -1}, means a limit of 0 to RabbitMQ 3.x (the message goes at its first
	 * requeue), so the same large number is declared on every version; declared, the limit also
	 * makes both versions put a requeued message back at the head of the queue, where with none
	 * they put it at the back.
	 */
	static final int NO_PRACTICAL_DELIVERY_LIMIT = Integer.MAX_VALUE;

	public Queue durable(String name) {
		QueueBuilder builder = QueueBuilder.durable(name);
		return (this == QUORUM) ? builder.quorum().build() : builder.build();
	}

	/**
	 * A durable queue that keeps its messages however often they are fetched and put back
	 * ({@code basic.get}, then {@code basic.nack(requeue)}, as a listing does): a quorum queue gets
	 * {@link #NO_PRACTICAL_DELIVERY_LIMIT}; a classic queue has no delivery limit.
	 */
	public Queue durableWithoutDeliveryLimit(String name) {
		QueueBuilder builder = QueueBuilder.durable(name);
		return (this == QUORUM) ? builder.quorum().deliveryLimit(NO_PRACTICAL_DELIVERY_LIMIT).build() : builder.build();
	}

}
