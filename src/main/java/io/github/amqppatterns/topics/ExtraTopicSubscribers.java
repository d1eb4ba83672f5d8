package io.github.amqppatterns.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	ExtraTopicSubscribers(TopicsProperties properties, TopicLogsListener listener,
			@Qualifier(ServerNamedQueue.CONTAINER_FACTORY) RabbitListenerContainerFactory<?> containerFactory) {
		this.bindingKeys = properties.extraSubscribers();
		this.bindingKeys.keySet().forEach((name) -> this.queues.put(name, ServerNamedQueue.create()));
		this.listener = listener;
		this.containerFactory = containerFactory;
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
			endpoint.setQueues(queue);
			endpoint.setAckMode(AcknowledgeMode.NONE); // autoAck, as receive_logs_topic.py
			endpoint.setMessageListener((message) -> this.listener.receive(name, message));
			registrar.registerEndpoint(endpoint, this.containerFactory);
		});
	}

}
