package io.github.amqppatterns.broker;

import io.github.amqppatterns.AmqpPatternsProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the service talks to any broker, whatever the pattern.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(BrokerConfiguration.class);

	@Bean
	BrokerInUse brokerInUse(ObjectProvider<EmbeddedBroker> embedded, RabbitConnectionDetails details,
			AmqpPatternsProperties properties) {
		return new BrokerInUse(embedded.getIfAvailable(), details, properties.queueType());
	}

	/**
	 * Publishes are {@code mandatory} where the broker in use returns unroutable messages. The
	 * publisher reads a return from its {@code CorrelationData}; the callback only keeps Spring from
	 * warning about each one (pub/sub with nobody bound is normal).
	 */
	@Bean
	RabbitTemplateCustomizer mandatoryWhereTheBrokerReturns(BrokerInUse broker) {
		return (template) -> {
			template.setMandatory(broker.publishesMandatory());
			template.setReturnsCallback((returned) -> logger.debug("Returned unroutable: {} {} (exchange '{}', key '{}')",
					returned.getReplyCode(), returned.getReplyText(), returned.getExchange(), returned.getRoutingKey()));
		};
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
	/**
	 * Boot's listener containers (hello and the subscribers): a consumer whose queue is missing
	 * starts again on the recovery schedule instead of checking the same name three more times,
	 * 5 s apart. A server-named subscriber queue is gone after a reconnection and comes back under
	 * a new name; a consumer that restarts reads the new name, one that retries keeps the old one and
	 * would stay away 15 s longer.
	 */
	@Bean
	ContainerCustomizer<SimpleMessageListenerContainer> restartRatherThanRetryAMissingQueue() {
		return (container) -> container.setDeclarationRetries(0);
	}

	@Bean
	ConnectionFactoryCustomizer handshakeTimeoutFollowsConnectionTimeout() {
		return (factory) -> {
			if (factory.getConnectionTimeout() > 0) {
				factory.setHandshakeTimeout(factory.getConnectionTimeout());
			}
		};
	}

}
