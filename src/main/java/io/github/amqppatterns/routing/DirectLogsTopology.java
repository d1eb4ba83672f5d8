package io.github.amqppatterns.routing;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.ServerNamedQueue;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tutorial 4, "Routing": a direct exchange (non-durable, as the tutorial clients declare it), one
 * subscriber bound to {@code error} only, one bound to every severity.
 */
@Configuration(proxyBeanMethods = false)
class DirectLogsTopology {

	static final String EXCHANGE = "direct_logs";

	@Bean
	DirectExchange directLogsExchange() {
		return new DirectExchange(EXCHANGE, false, false);
	}

	@Bean
	Queue errorOnlyQueue(Amqp10 amqp10) {
		return ServerNamedQueue.create(amqp10);
	}

	@Bean
	Queue allSeveritiesQueue(Amqp10 amqp10) {
		return ServerNamedQueue.create(amqp10);
	}

	@Bean
	Declarables directLogsBindings(DirectExchange directLogsExchange, Queue errorOnlyQueue,
			Queue allSeveritiesQueue) {
		return new Declarables(
				BindingBuilder.bind(errorOnlyQueue).to(directLogsExchange).with(Severity.ERROR.routingKey()),
				BindingBuilder.bind(allSeveritiesQueue).to(directLogsExchange).with(Severity.INFO.routingKey()),
				BindingBuilder.bind(allSeveritiesQueue).to(directLogsExchange).with(Severity.WARNING.routingKey()),
				BindingBuilder.bind(allSeveritiesQueue).to(directLogsExchange).with(Severity.ERROR.routingKey()));
	}

}
