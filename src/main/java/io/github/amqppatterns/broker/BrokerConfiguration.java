package io.github.amqppatterns.broker;

import io.github.amqppatterns.AmqpPatternsProperties;

import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the service talks to any broker, whatever the pattern.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

	@Bean
	BrokerInUse brokerInUse(ObjectProvider<EmbeddedBroker> embedded, RabbitConnectionDetails details,
			AmqpPatternsProperties properties) {
		return new BrokerInUse(embedded.getIfAvailable(), details, properties.queueType());
	}

	/** Picked up by Boot for the {@code RabbitTemplate} and every listener container. */
	@Bean
	MessageConverter plainTextMessageConverter() {
		return new PlainTextMessageConverter();
	}

	/**
	 * Spring AMQP 4.0's {@code AnonymousQueue} declares {@code x-queue-leader-locator}, which
	 * RabbitMQ 3.10 refuses (406, and the context does not start) and other brokers answer by
	 * closing the connection. An exclusive queue lives on the node of its connection anyway, so the
	 * argument is dropped from every exclusive queue here, once, instead of on each queue bean.
	 */
	@Bean
	DeclarableCustomizer exclusiveQueuesWithoutLeaderLocator() {
		return (declarable) -> {
			if (declarable instanceof Queue queue && queue.isExclusive()) {
				queue.removeArgument(Queue.X_QUEUE_LEADER_LOCATOR);
			}
			return declarable;
		};
	}

	/**
	 * {@code spring.rabbitmq.connection-timeout} bounds only the TCP connect; a peer that accepts
	 * the connection but never answers the AMQP handshake would hold a request for the client's
	 * 10 s handshake timeout. Both follow the same setting here, so an unreachable broker turns
	 * into a 503 within that time.
	 */
	@Bean
	ConnectionFactoryCustomizer handshakeTimeoutFollowsConnectionTimeout() {
		return (factory) -> {
			if (factory.getConnectionTimeout() > 0) {
				factory.setHandshakeTimeout(factory.getConnectionTimeout());
			}
		};
	}

}
