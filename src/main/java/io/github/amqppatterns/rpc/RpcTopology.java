package io.github.amqppatterns.rpc;

import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.ListenerContainerFactories;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
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
	 * spread fairly over several servers instead of queueing behind a long computation.
	 */
	@Bean(SERVER_CONTAINER_FACTORY)
	@ConditionalOnBooleanProperty(name = "amqp-patterns.rpc.server.enabled", matchIfMissing = true)
	SimpleRabbitListenerContainerFactory rpcServerListenerContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory) {
		return ListenerContainerFactories.oneAtATime(configurer, connectionFactory);
	}

	/**
	 * The caller's wait for a reply is {@code amqp-patterns.rpc.reply-timeout}. The service sends
	 * no other request-reply message, so Boot's template takes the setting.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "amqp-patterns.rpc.client.enabled", matchIfMissing = true)
	RabbitTemplateCustomizer rpcReplyTimeout(RpcProperties properties) {
		return (template) -> template.setReplyTimeout(properties.replyTimeout().toMillis());
	}

}
