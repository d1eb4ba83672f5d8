package io.github.amqppatterns.broker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.amqp.Environment;
import com.rabbitmq.client.amqp.impl.AmqpEnvironmentBuilder;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbitmq.client.AmqpConnectionFactory;
import org.springframework.amqp.rabbitmq.client.RabbitAmqpAdmin;
import org.springframework.amqp.rabbitmq.client.RabbitAmqpTemplate;
import org.springframework.amqp.rabbitmq.client.SingleAmqpConnectionFactory;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * How the service speaks AMQP 1.0, beside {@link BrokerConfiguration}'s AMQP 0-9-1: Spring AMQP's
 * {@code spring-rabbitmq-client} over RabbitMQ's AMQP 1.0 Java client, wired here because Boot 4.1
 * does not. One connection, multiplexed, opened on first use, to the broker of
 * {@code spring.rabbitmq.*}. Declarations are made by the admin of the receivers' protocol, so that
 * each subscriber's exclusive queue belongs to the connection that consumes it.
 */
@Configuration(proxyBeanMethods = false)
class Amqp10Configuration {

	@Bean(destroyMethod = "close")
	Environment amqp10Environment() {
		return new AmqpEnvironmentBuilder().build();
	}

	/** Every address of {@code spring.rabbitmq.addresses}: the client picks one, and another on failure. */
	@Bean
	SingleAmqpConnectionFactory amqp10ConnectionFactory(Environment amqp10Environment,
			RabbitConnectionDetails details) {
		String credentials = encoded(details.getUsername()) + ":" + encoded(details.getPassword()) + "@";
		String virtualHost = "/" + encoded(details.getVirtualHost() != null ? details.getVirtualHost() : "/");
		return new SingleAmqpConnectionFactory(amqp10Environment).setConnectionName("amqp-patterns")
			.setUris(details.getAddresses()
				.stream()
				.map((address) -> "amqp://" + credentials + address.host() + ":" + address.port() + virtualHost)
				.toArray(String[]::new));
	}

	private static String encoded(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** Declares every {@code Declarable} bean over AMQP 1.0 where the receivers consume over it. */
	@Bean
	RabbitAmqpAdmin amqp10Admin(AmqpConnectionFactory connectionFactory, Amqp10 amqp10) {
		RabbitAmqpAdmin admin = new RabbitAmqpAdmin(connectionFactory);
		admin.setAutoStartup(amqp10.receivers());
		return admin;
	}

	/**
	 * Boot's own admin, which backs off once another {@code AmqpAdmin} exists: it declares over
	 * AMQP 0-9-1 where the receivers consume over it, and answers every other question.
	 */
	@Bean
	@Primary
	RabbitAdmin amqpAdmin(ConnectionFactory connectionFactory, Amqp10 amqp10) {
		RabbitAdmin admin = new RabbitAdmin(connectionFactory);
		admin.setAutoStartup(!amqp10.receivers());
		return admin;
	}

	@Bean
	RabbitAmqpTemplate amqp10Template(AmqpConnectionFactory connectionFactory, MessageConverter messageConverter) {
		RabbitAmqpTemplate template = new RabbitAmqpTemplate(connectionFactory);
		template.setMessageConverter(messageConverter);
		return template;
	}

	/** Accepts each message once its listener returns; Spring's 100 credits (prefetch). */
	@Bean(Amqp10.CONTAINER_FACTORY)
	Amqp10ListenerContainerFactory amqp10ListenerContainerFactory(AmqpConnectionFactory connectionFactory,
			MessageConverter messageConverter, Amqp10 amqp10) {
		return new Amqp10ListenerContainerFactory(connectionFactory, messageConverter, amqp10);
	}

}
