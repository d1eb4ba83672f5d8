package io.github.amqppatterns.rpc;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.Amqp10ListenerContainerFactory;
import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.ListenerContainerFactories;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbitmq.client.AmqpConnectionFactory;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Tutorial 6, "RPC": requests to {@code rpc_queue}, replies to each request's {@code reply_to}. */
@Configuration(proxyBeanMethods = false)
class RpcTopology {

	static final String QUEUE = "rpc_queue";

	static final String SERVER_CONTAINER_FACTORY = "rpcServerListenerContainerFactory";

	static final String AMQP_1_0_SERVER_CONTAINER_FACTORY = "rpcServerAmqp10ListenerContainerFactory";

	/** Declared by servers and clients alike, so a client never publishes to a missing queue. */
	@Bean
	Queue rpcQueue(BrokerInUse broker) {
		return broker.durable(QUEUE);
	}

	/** Prefetch 1: requests spread over servers instead of queueing behind a long computation. */
	@Bean(SERVER_CONTAINER_FACTORY)
	@Conditional(RpcProperties.OnServer.class)
	SimpleRabbitListenerContainerFactory rpcServerListenerContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			ContainerCustomizer<SimpleMessageListenerContainer> recovery, RpcProperties properties) {
		SimpleRabbitListenerContainerFactory factory = ListenerContainerFactories.likeBoots(configurer,
				connectionFactory, recovery);
		factory.setPrefetchCount(1);
		factory.setConcurrentConsumers(properties.server().concurrency());
		return factory;
	}

	/** The same over AMQP 1.0: one credit per server consumer (AMQP 1.0's prefetch 1). */
	@Bean(AMQP_1_0_SERVER_CONTAINER_FACTORY)
	@Conditional(RpcProperties.OnServer.class)
	Amqp10ListenerContainerFactory rpcServerAmqp10ListenerContainerFactory(AmqpConnectionFactory connectionFactory,
			MessageConverter messageConverter, Amqp10 amqp10, RpcProperties properties) {
		Amqp10ListenerContainerFactory factory = new Amqp10ListenerContainerFactory(connectionFactory,
				messageConverter, amqp10);
		factory.setContainerCustomizer((container) -> {
			container.setInitialCredits(1);
			container.setConsumersPerQueue(properties.server().concurrency());
		});
		return factory;
	}

	/** Direct reply-to on RabbitMQ; the embedded broker has none, so replies use {@link #rpcReplyQueue}. */
	@Bean
	@Conditional(RpcProperties.OnClient.class)
	AsyncRabbitTemplate rpcClientTemplate(RabbitTemplate template, BrokerInUse broker, Queue rpcReplyQueue,
			RpcProperties properties, ContainerCustomizer<DirectMessageListenerContainer> recovery) {
		AsyncRabbitTemplate client;
		if (broker.isEmbedded()) {
			DirectMessageListenerContainer replies = new DirectMessageListenerContainer(
					template.getConnectionFactory());
			replies.setQueues(rpcReplyQueue);
			replies.setAcknowledgeMode(AcknowledgeMode.NONE);
			recovery.configure(replies);
			client = new AsyncRabbitTemplate(template, replies);
		}
		else {
			client = new AsyncRabbitTemplate(template);
		}
		client.setReceiveTimeout(properties.replyTimeout().toMillis());
		return client;
	}

	/** The tutorial's callback queue, declared only where there is no direct reply-to. */
	@Bean
	@Conditional(RpcProperties.OnClient.class)
	Queue rpcReplyQueue(BrokerInUse broker) {
		Queue queue = new AnonymousQueue();
		queue.setShouldDeclare(broker.isEmbedded());
		return queue;
	}

}
