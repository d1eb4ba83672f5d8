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
 * <p>
 * Its subscriber consumes with {@link #AUTO_ACK}, as the tutorials' receivers do, in a
 * {@link #CONTAINER_FACTORY direct container}.
 */
public final class ServerNamedQueue {

	/**
	 * The {@code @RabbitListener(ackMode = …)} of a subscriber on such a queue: the tutorials'
	 * {@code autoAck=true} ({@code AcknowledgeMode.NONE}; Spring's default {@code AUTO} is a manual ack
	 * that the container sends). The broker counts a message delivered once it is written to the
	 * socket. A manual ack would protect nothing here: the queue is exclusive to the connection, so
	 * whatever a lost connection leaves unacknowledged is deleted with the queue anyway. It costs an
	 * ack frame per message, which the broker then processes: the subscribers take a fanout's
	 * deliveries markedly faster without it (bench/README.md, scenario 3).
	 */
	public static final String AUTO_ACK = "NONE";

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
