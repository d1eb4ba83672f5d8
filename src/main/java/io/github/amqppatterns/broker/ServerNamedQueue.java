package io.github.amqppatterns.broker;

import org.springframework.amqp.core.Queue;

/**
 * The tutorials' subscriber queue ({@code queue_declare('', exclusive=True)}): server-named,
 * exclusive, auto-delete, one per subscriber. {@code RabbitAdmin} keeps the name the broker chose
 * in {@link Queue#getActualName()}, where bindings and {@code @RabbitListener(queues = "#{bean}")}
 * read it; after a reconnection the broker picks a new one, and the direct container (for which a
 * missing queue is not fatal) consumes from that.
 */
public final class ServerNamedQueue {

	/** The container factory of a subscriber on such a queue (see {@code BrokerConfiguration}). */
	public static final String CONTAINER_FACTORY = "subscriberListenerContainerFactory";

	private ServerNamedQueue() {
	}

	public static Queue create() {
		return new Queue("", false, true, true);
	}

}
