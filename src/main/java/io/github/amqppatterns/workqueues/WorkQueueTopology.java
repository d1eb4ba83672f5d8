package io.github.amqppatterns.workqueues;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.Amqp10ListenerContainerFactory;
import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.ListenerContainerFactories;
import io.github.amqppatterns.live.Topology;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbitmq.client.AmqpConnectionFactory;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tutorial 2, "Work Queues". {@code task_queue} has no arguments, as the tutorial's clients declare
 * it ({@code x-dead-letter-exchange} would fail theirs), so the workers dead-letter themselves.
 */
@Configuration(proxyBeanMethods = false)
class WorkQueueTopology {

	static final String QUEUE = "task_queue";

	static final String DEAD_LETTER_EXCHANGE = QUEUE + ".dlx";

	static final String DEAD_LETTER_QUEUE = QUEUE + ".dlq";

	static final String CONTAINER_FACTORY = "workQueueListenerContainerFactory";

	static final String AMQP_1_0_CONTAINER_FACTORY = "workQueueAmqp10ListenerContainerFactory";

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

	/** The workers republish a task they give up on to {@code task_queue.dlx}: the page draws it. */
	@Bean
	Topology.DeadLetterRoute taskDeadLetterRoute() {
		return new Topology.DeadLetterRoute(QUEUE, DEAD_LETTER_EXCHANGE);
	}

	/** Manual ack once the work is done; prefetch 1, or a busy worker would hoard tasks (default 250). */
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

	/** The same over AMQP 1.0: settled by hand, one credit at a time (credits are AMQP 1.0's prefetch). */
	@Bean(AMQP_1_0_CONTAINER_FACTORY)
	Amqp10ListenerContainerFactory workQueueAmqp10ListenerContainerFactory(AmqpConnectionFactory connectionFactory,
			MessageConverter messageConverter, Amqp10 amqp10) {
		Amqp10ListenerContainerFactory factory = new Amqp10ListenerContainerFactory(connectionFactory,
				messageConverter, amqp10);
		factory.setContainerCustomizer((container) -> {
			container.setInitialCredits(1);
			container.setAutoSettle(false);
		});
		return factory;
	}

}
