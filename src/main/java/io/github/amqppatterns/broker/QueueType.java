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

	public Queue durable(String name) {
		QueueBuilder builder = QueueBuilder.durable(name);
		return (this == QUORUM) ? builder.quorum().build() : builder.build();
	}

}
