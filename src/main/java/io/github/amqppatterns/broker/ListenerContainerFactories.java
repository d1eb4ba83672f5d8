package io.github.amqppatterns.broker;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;

/**
 * A listener container factory for a pattern that sets more than Boot's default one: built with
 * Boot's configurer and container customizer, it keeps every
 * {@code spring.rabbitmq.listener.simple.*} setting and the recovery interval.
 */
public final class ListenerContainerFactories {

	private ListenerContainerFactories() {
	}

	public static SimpleRabbitListenerContainerFactory likeBoots(SimpleRabbitListenerContainerFactoryConfigurer configurer,
			ConnectionFactory connectionFactory, ContainerCustomizer<SimpleMessageListenerContainer> customizer) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setContainerCustomizer(customizer);
		return factory;
	}

}
