package io.github.amqppatterns.headers;

import java.util.Map;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.ServerNamedQueue;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.HeadersExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Routing on message headers instead of a routing key: a headers exchange (non-durable, like the
 * tutorial exchanges), one subscriber that needs all of {@code format=pdf, type=report}
 * ({@code x-match=all}), one that needs any of {@code format=pdf, type=log} ({@code x-match=any}).
 */
@Configuration(proxyBeanMethods = false)
class HeadersTopology {

	static final String EXCHANGE = "headers_logs";

	@Bean
	HeadersExchange headersLogsExchange() {
		return new HeadersExchange(EXCHANGE, false, false);
	}

	@Bean
	Queue matchAllQueue(Amqp10 amqp10) {
		return ServerNamedQueue.create(amqp10);
	}

	@Bean
	Queue matchAnyQueue(Amqp10 amqp10) {
		return ServerNamedQueue.create(amqp10);
	}

	@Bean
	Declarables headersLogsBindings(HeadersExchange headersLogsExchange, Queue matchAllQueue, Queue matchAnyQueue) {
		return new Declarables(
				BindingBuilder.bind(matchAllQueue)
					.to(headersLogsExchange)
					.whereAll(Map.of("format", "pdf", "type", "report"))
					.match(),
				BindingBuilder.bind(matchAnyQueue)
					.to(headersLogsExchange)
					.whereAny(Map.of("format", "pdf", "type", "log"))
					.match());
	}

}
