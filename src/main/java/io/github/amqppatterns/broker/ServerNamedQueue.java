package io.github.amqppatterns.broker;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Queue;

/**
 * The tutorials' subscriber queue ({@code queue_declare('', exclusive=True)}): exclusive,
 * auto-delete, one per subscriber. Over AMQP 0-9-1 it is server-named: {@code RabbitAdmin} keeps the
 * name the broker chose in {@link Queue#getActualName()}, where bindings and
 * {@code @RabbitListener(queues = "#{bean}")} read it; after a reconnection the broker picks a new
 * one, and the direct container (for which a missing queue is not fatal) consumes from that. Over
 * AMQP 1.0 a listener takes its queue's name ({@code "#{bean.name}"}) when it is made, before any
 * declaration, so the name is chosen here ({@code spring.gen-…}).
 */
public final class ServerNamedQueue {

	/** The container factory of an AMQP 0-9-1 subscriber on such a queue (see {@code BrokerConfiguration}). */
	public static final String CONTAINER_FACTORY = "subscriberListenerContainerFactory";

	private ServerNamedQueue() {
	}

	/** A subscriber's queue, for the protocol the receivers consume over. */
	public static Queue create(Amqp10 amqp10) {
		return amqp10.receivers() ? new AnonymousQueue() : new Queue("", false, true, true);
	}

}
