package io.github.amqppatterns.workqueues;

import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.ListenerContainerFactories;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tutorial 2, "Work Queues": a durable queue of persistent tasks shared by competing workers, and
 * where the tasks they fail on go: the dead-letter exchange {@code task_queue.dlx} and its durable
 * queue {@code task_queue.dlq}.
 * <p>
 * {@code task_queue} itself is declared exactly as the tutorial's clients declare it (durable, no
 * arguments), so that they and the service can share it; a queue argument
 * {@code x-dead-letter-exchange} would make their declaration fail. The workers dead-letter a task
 * themselves, through the exchange, once their retries are spent. To have the broker dead-letter
 * too (a task another consumer rejects), point a policy at the exchange; the README shows how.
 */
@Configuration(proxyBeanMethods = false)
class WorkQueueTopology {

	static final String QUEUE = "task_queue";

	static final String DEAD_LETTER_EXCHANGE = QUEUE + ".dlx";

	static final String DEAD_LETTER_QUEUE = QUEUE + ".dlq";

	static final String CONTAINER_FACTORY = "workQueueListenerContainerFactory";

	@Bean
	Queue taskQueue(BrokerInUse broker) {
		return broker.durable(QUEUE);
	}

	@Bean
	Declarables taskDeadLetters(BrokerInUse broker) {
		DirectExchange exchange = new DirectExchange(DEAD_LETTER_EXCHANGE);
		// a listing fetches and puts back every message it shows: each time a delivery that counts
		Queue queue = broker.durableWithoutDeliveryLimit(DEAD_LETTER_QUEUE);
		return new Declarables(exchange, queue, BindingBuilder.bind(queue).to(exchange).with(QUEUE));
	}

	/**
	 * The tutorial's worker settings, on top of everything {@code spring.rabbitmq.listener.simple.*}
	 * configures: the worker acknowledges by hand once its work is done (a task of a worker that
	 * dies is redelivered), and it takes one task at a time ({@code basicQos(1)}: fair dispatch; the
	 * Spring default of 250 would hand a busy worker tasks an idle one could do).
	 */
	@Bean(CONTAINER_FACTORY)
	SimpleRabbitListenerContainerFactory workQueueListenerContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			ContainerCustomizer<SimpleMessageListenerContainer> recovery) {
		SimpleRabbitListenerContainerFactory factory = ListenerContainerFactories.likeBoots(configurer,
				connectionFactory, recovery);
		factory.setPrefetchCount(1);
		factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		return factory;
	}

}
