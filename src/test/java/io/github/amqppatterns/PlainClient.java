package io.github.amqppatterns;

import com.rabbitmq.client.ConnectionFactory;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

/**
 * A plain {@code com.rabbitmq.client} connection to the broker under test, no Spring involved:
 * how the official Java tutorial clients connect.
 */
public final class PlainClient {

	private PlainClient() {
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
