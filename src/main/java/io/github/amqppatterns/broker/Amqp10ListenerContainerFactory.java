package io.github.amqppatterns.broker;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.rabbit.listener.AbstractRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpoint;
import org.springframework.amqp.rabbitmq.client.AmqpConnectionFactory;
import org.springframework.amqp.rabbitmq.client.config.RabbitAmqpListenerContainerFactory;
import org.springframework.amqp.rabbitmq.client.listener.RabbitAmqpListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Spring AMQP's factory of AMQP 1.0 listener containers, with the service's message converter; its
 * containers start only where the receivers consume over AMQP 1.0 ({@code amqp-patterns.receivers}).
 * And the queue on each message: Spring's AMQP 1.0 message conversion leaves out the
 * {@code consumerQueue} that the AMQP 0-9-1 containers set, and the deliveries show.
 */
public class Amqp10ListenerContainerFactory extends RabbitAmqpListenerContainerFactory {

	private final boolean receivers;

	public Amqp10ListenerContainerFactory(AmqpConnectionFactory connectionFactory, MessageConverter messageConverter,
			Amqp10 amqp10) {
		super(connectionFactory);
		setMessageConverter(messageConverter);
		this.receivers = amqp10.receivers();
	}

	@Override
	public RabbitAmqpListenerContainer createListenerContainer(@Nullable RabbitListenerEndpoint endpoint) {
		RabbitAmqpListenerContainer container = super.createListenerContainer(endpoint);
		container.setAutoStartup(this.receivers && container.isAutoStartup());
		if (endpoint instanceof AbstractRabbitListenerEndpoint consumer && consumer.getQueueNames().size() == 1) {
			String queue = consumer.getQueueNames().iterator().next();
			container.setAfterReceivePostProcessors((message) -> {
				message.getMessageProperties().setConsumerQueue(queue);
				return message;
			});
		}
		return container;
	}

}
