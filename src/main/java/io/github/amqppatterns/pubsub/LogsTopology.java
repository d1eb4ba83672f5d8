package io.github.amqppatterns.pubsub;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.ServerNamedQueue;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tutorial 3, "Publish/Subscribe": a fanout exchange, declared non-durable as the tutorial
 * clients do, and one server-named queue per subscriber, as when {@code receive_logs.py} runs twice.
 */
@Configuration(proxyBeanMethods = false)
class LogsTopology {

	static final String EXCHANGE = "logs";

	@Bean
	FanoutExchange logsExchange() {
		return new FanoutExchange(EXCHANGE, false, false);
	}

	@Bean
	Queue logsSubscriber1Queue(Amqp10 amqp10) {
		return ServerNamedQueue.create(amqp10);
	}

	@Bean
	Queue logsSubscriber2Queue(Amqp10 amqp10) {
		return ServerNamedQueue.create(amqp10);
	}

	@Bean
	Declarables logsBindings(FanoutExchange logsExchange, Queue logsSubscriber1Queue, Queue logsSubscriber2Queue) {
		return new Declarables(BindingBuilder.bind(logsSubscriber1Queue).to(logsExchange),
				BindingBuilder.bind(logsSubscriber2Queue).to(logsExchange));
	}

}
