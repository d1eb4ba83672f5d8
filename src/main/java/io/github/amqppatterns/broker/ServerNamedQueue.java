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
 * broker picks a new name, hence {@code spring.rabbitmq.listener.simple.missing-queues-fatal=false}.
 */
public final class ServerNamedQueue {

	private ServerNamedQueue() {
	}

	public static Queue create() {
		return new Queue("", false, true, true);
	}

}
