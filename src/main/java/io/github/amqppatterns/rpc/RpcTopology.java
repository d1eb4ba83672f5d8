package io.github.amqppatterns.rpc;

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
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Tutorial 6, "RPC": requests go to {@code rpc_queue} through the default exchange, each with a
 * {@code reply_to} and a {@code correlation_id}; the server replies to that address.
 */
@Configuration(proxyBeanMethods = false)
class RpcTopology {

	static final String QUEUE = "rpc_queue";

	static final String SERVER_CONTAINER_FACTORY = "rpcServerListenerContainerFactory";

	/** Declared by servers and clients alike, so a client never publishes to a missing queue. */
	@Bean
	Queue rpcQueue(BrokerInUse broker) {
		return broker.durable(QUEUE);
	}

	/**
	 * The tutorial server's {@code basicQos(1)}: a server takes one request at a time, so requests
	 * spread fairly over several servers instead of queueing behind a long computation. It runs
	 * {@code amqp-patterns.rpc.server.concurrency} of them.
	 */
	@Bean(SERVER_CONTAINER_FACTORY)
	@Conditional(OnRpcRole.Server.class)
	SimpleRabbitListenerContainerFactory rpcServerListenerContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			ContainerCustomizer<SimpleMessageListenerContainer> recovery, RpcProperties properties) {
		SimpleRabbitListenerContainerFactory factory = ListenerContainerFactories.likeBoots(configurer,
				connectionFactory, recovery);
		factory.setPrefetchCount(1);
		factory.setConcurrentConsumers(properties.server().concurrency());
		return factory;
	}

	/**
	 * The client's request-reply template, on Boot's {@code RabbitTemplate}. On RabbitMQ the
	 * replies come by direct reply-to ({@code amq.rabbitmq.reply-to}), with no reply queue at all.
	 * The embedded broker has no direct reply-to, so there they come to {@link #rpcReplyQueue}.
	 * A call waits {@code amqp-patterns.rpc.reply-timeout} for its reply.
	 */
	@Bean
	@Conditional(OnRpcRole.Client.class)
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

	/**
	 * The reply queue of this instance's client where the broker has no direct reply-to (the
	 * embedded broker): the tutorial's callback queue, exclusive and auto-delete, gone with the
	 * connection and declared again with it. RabbitMQ does not get it, and the live page does not
	 * show it there.
	 */
	@Bean
	@Conditional(OnRpcRole.Client.class)
	Queue rpcReplyQueue(BrokerInUse broker) {
		Queue queue = new AnonymousQueue();
		queue.setShouldDeclare(broker.isEmbedded());
		return queue;
	}

}
