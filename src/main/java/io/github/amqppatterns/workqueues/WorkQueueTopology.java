package io.github.amqppatterns.workqueues;

import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.ListenerContainerFactories;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tutorial 2, "Work Queues": a durable queue of persistent tasks shared by competing workers.
 */
@Configuration(proxyBeanMethods = false)
class WorkQueueTopology {

	static final String QUEUE = "task_queue";

	static final String CONTAINER_FACTORY = "workQueueListenerContainerFactory";

	@Bean
	Queue taskQueue(BrokerInUse broker) {
		return broker.durable(QUEUE);
	}

	/**
	 * The tutorial's worker settings, on top of everything {@code spring.rabbitmq.listener.simple.*}
	 * configures: the worker acknowledges by hand once its work is done (a task of a worker that
	 * dies is redelivered), and it takes one task at a time ({@code basicQos(1)}: fair dispatch; the
	 * Spring default of 250 would hand a busy worker tasks an idle one could do).
	 */
	@Bean(CONTAINER_FACTORY)
	SimpleRabbitListenerContainerFactory workQueueListenerContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory) {
		SimpleRabbitListenerContainerFactory factory = ListenerContainerFactories.oneAtATime(configurer,
				connectionFactory);
		factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		return factory;
	}

}
