package io.github.amqppatterns.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.ServerNamedQueue;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.RabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The subscribers configured in {@code amqp-patterns.topics.extra-subscribers}: a server-named
 * queue each, bound with its keys, consumed by a listener registered the programmatic way (the
 * annotation's equivalent when the set of listeners comes from configuration).
 */
@Configuration(proxyBeanMethods = false)
class ExtraTopicSubscribers implements RabbitListenerConfigurer {

	private final Map<String, List<String>> bindingKeys;

	private final Map<String, Queue> queues = new LinkedHashMap<>();

	private final TopicLogsListener listener;

	private final RabbitListenerContainerFactory<?> containerFactory;

	private final boolean overAmqp10;

	ExtraTopicSubscribers(TopicsProperties properties, TopicLogsListener listener, Amqp10 amqp10,
			@Qualifier(ServerNamedQueue.CONTAINER_FACTORY) RabbitListenerContainerFactory<?> overAmqp091,
			@Qualifier(Amqp10.CONTAINER_FACTORY) RabbitListenerContainerFactory<?> overAmqp10) {
		this.bindingKeys = properties.extraSubscribers();
		this.bindingKeys.keySet().forEach((name) -> this.queues.put(name, ServerNamedQueue.create(amqp10)));
		this.listener = listener;
		this.overAmqp10 = amqp10.receivers();
		this.containerFactory = this.overAmqp10 ? overAmqp10 : overAmqp091;
	}

	@Bean
	Declarables extraTopicSubscriptions(TopicExchange topicLogsExchange) {
		List<Declarable> declarables = new ArrayList<>(this.queues.values());
		this.queues.forEach((name, queue) -> this.bindingKeys.get(name)
			.forEach((key) -> declarables.add(BindingBuilder.bind(queue).to(topicLogsExchange).with(key))));
		return new Declarables(declarables);
	}

	@Override
	public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
		this.queues.forEach((name, queue) -> {
			SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
			endpoint.setId(name);
			if (this.overAmqp10) {
				endpoint.setQueueNames(queue.getName());
				endpoint.setMessageListener((message) -> {
					// Spring's AMQP 1.0 container post-processes only what an annotated listener gets
					message.getMessageProperties().setConsumerQueue(queue.getName());
					this.listener.receive(name, message);
				});
			}
			else {
				endpoint.setQueues(queue);
				endpoint.setAckMode(AcknowledgeMode.NONE); // autoAck, as receive_logs_topic.py
				endpoint.setMessageListener((message) -> this.listener.receive(name, message));
			}
			registrar.registerEndpoint(endpoint, this.containerFactory);
		});
	}

}
