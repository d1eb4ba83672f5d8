package io.github.amqppatterns.topics;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.ServerNamedQueue;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tutorial 5, "Topics": a topic exchange (non-durable, as the tutorial clients declare it); Q1 wants
 * all the orange animals, Q2 everything about rabbits and everything about lazy animals.
 */
@Configuration(proxyBeanMethods = false)
class TopicLogsTopology {

	static final String EXCHANGE = "topic_logs";

	@Bean
	TopicExchange topicLogsExchange() {
		return new TopicExchange(EXCHANGE, false, false);
	}

	@Bean
	Queue topicQ1Queue(Amqp10 amqp10) {
		return ServerNamedQueue.create(amqp10);
	}

	@Bean
	Queue topicQ2Queue(Amqp10 amqp10) {
		return ServerNamedQueue.create(amqp10);
	}

	@Bean
	Declarables topicLogsBindings(TopicExchange topicLogsExchange, Queue topicQ1Queue, Queue topicQ2Queue) {
		return new Declarables(BindingBuilder.bind(topicQ1Queue).to(topicLogsExchange).with("*.orange.*"),
				BindingBuilder.bind(topicQ2Queue).to(topicLogsExchange).with("*.*.rabbit"),
				BindingBuilder.bind(topicQ2Queue).to(topicLogsExchange).with("lazy.#"));
	}

}
