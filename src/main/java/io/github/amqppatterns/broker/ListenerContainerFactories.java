package io.github.amqppatterns.broker;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;

/**
 * Listener container factories for patterns that need other settings than Boot's default one,
 * built with Boot's configurer so that they keep every {@code spring.rabbitmq.listener.simple.*}
 * setting, and given the container customizer Boot gives its own factory (the recovery interval).
 */
public final class ListenerContainerFactories {

	private ListenerContainerFactories() {
	}

	/**
	 * Consumers that take one message at a time ({@code basicQos(1)}): the broker gives a busy
	 * consumer nothing more, so messages spread fairly over consumers instead of queueing behind a
	 * long one (Spring's default prefetch is 250).
	 */
	public static SimpleRabbitListenerContainerFactory oneAtATime(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			ContainerCustomizer<SimpleMessageListenerContainer> customizer) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setContainerCustomizer(customizer);
		factory.setPrefetchCount(1);
		return factory;
	}

}
