package io.github.amqppatterns;

import java.util.Map;

import com.rabbitmq.client.ConnectionFactory;
import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.QueueType;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

/**
 * A plain {@code com.rabbitmq.client} connection to the broker under test, no Spring involved:
 * how the official Java tutorial clients connect.
 */
public final class PlainClient {

	private PlainClient() {
	}

	/**
	 * What a tutorial client declares for a named queue on this broker: a quorum queue on
	 * RabbitMQ ({@code x-queue-type=quorum}), a plain durable one where the service uses classic
	 * queues (the embedded broker refuses any {@code x-} argument).
	 */
	public static Map<String, Object> namedQueueArguments(BrokerInUse broker) {
		return (broker.queueType() == QueueType.QUORUM) ? Map.of("x-queue-type", "quorum") : Map.of();
	}

	public static ConnectionFactory connectionFactory(RabbitConnectionDetails details) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(details.getFirstAddress().host());
		factory.setPort(details.getFirstAddress().port());
		if (details.getUsername() != null) {
			factory.setUsername(details.getUsername());
		}
		if (details.getPassword() != null) {
			factory.setPassword(details.getPassword());
		}
		if (details.getVirtualHost() != null) {
			factory.setVirtualHost(details.getVirtualHost());
		}
		return factory;
	}

}
