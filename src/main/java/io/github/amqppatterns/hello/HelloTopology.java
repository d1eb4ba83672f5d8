package io.github.amqppatterns.hello;

import io.github.amqppatterns.broker.BrokerInUse;

import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tutorial 1, "Hello World!": one named queue, reached through the default exchange. */
@Configuration(proxyBeanMethods = false)
class HelloTopology {

	static final String QUEUE = "hello";

	@Bean
	Queue helloQueue(BrokerInUse broker) {
		return broker.durable(QUEUE);
	}

}
