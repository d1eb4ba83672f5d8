package io.github.amqppatterns.broker;

import org.springframework.amqp.core.Queue;

/**
 * The tutorials' subscriber queue ({@code queueDeclare()} / {@code queue_declare('', exclusive=True)}):
 * server-named ({@code amq.gen-…}), non-durable, exclusive, auto-delete. One per subscriber, gone
 * with its connection.
 * <p>
 * {@code RabbitAdmin} stores the name the broker chose in {@link Queue#getActualName()}; bindings
 * built from the {@code Queue} and a listener given the {@code Queue} itself
 * ({@code @RabbitListener(queues = "#{beanName}")}) read it from there. After a reconnection the
 * broker picks a new name; the subscriber's direct container takes a missing queue as no reason to
 * stop ({@code spring.rabbitmq.listener.direct.missing-queues-fatal}, {@code false} by default).
 */
public final class ServerNamedQueue {

	/**
	 * The {@code @RabbitListener(containerFactory = …)} of a subscriber on such a queue: a direct
	 * container, configured by {@code spring.rabbitmq.listener.direct.*} (see
	 * {@code BrokerConfiguration}).
	 */
	public static final String CONTAINER_FACTORY = "subscriberListenerContainerFactory";

	private ServerNamedQueue() {
	}

	public static Queue create() {
		return new Queue("", false, true, true);
	}

}
