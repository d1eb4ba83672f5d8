package io.github.amqppatterns.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.DirectRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.DirectRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * How the service talks to any broker, whatever the pattern.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(BrokerConfiguration.class);

	@Bean
	BrokerInUse brokerInUse(ObjectProvider<EmbeddedBroker> embedded, RabbitConnectionDetails details,
			QueueTypeProperties properties) {
		return new BrokerInUse(embedded.getIfAvailable(), details, properties.queueType());
	}

	/**
	 * Publishes are {@code mandatory} where the broker in use returns unroutable messages. The
	 * publisher reads a return from its {@code CorrelationData}; the callback only keeps Spring from
	 * warning about each one (pub/sub with nobody bound is normal).
	 * <p>
	 * To match a return to its send, the template adds two headers to every message:
	 * {@code spring_listener_return_correlation} (which template sent it) and
	 * {@code spring_returned_message_correlation} (the {@code CorrelationData} id, here the
	 * {@code message_id}). Consumers in any language see them, and the tutorials' clients ignore
	 * them.
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
	 * The listener container of every subscriber on a {@link ServerNamedQueue} (fanout, direct,
	 * topic and headers): a direct container, which runs the listener on the client's dispatch
	 * thread, as the tutorials' receivers do. Boot's default (simple) container hands every message
	 * to a thread of its own through a queue of {@code prefetch} places; a subscriber consuming with
	 * autoAck gets more than it takes (the broker sends without waiting), so that queue stays full,
	 * and each message taken wakes the client thread to put the next one: two thread switches per
	 * message, about a quarter of the subscriber's CPU (bench/README.md, scenario 3). Settings:
	 * {@code spring.rabbitmq.listener.direct.*}. A consumer whose server-named queue is gone after a
	 * reconnection starts again on the queue's new name.
	 */
	@Bean(ServerNamedQueue.CONTAINER_FACTORY)
	DirectRabbitListenerContainerFactory subscriberListenerContainerFactory(
			DirectRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			ContainerCustomizer<DirectMessageListenerContainer> recovery) {
		DirectRabbitListenerContainerFactory factory = new DirectRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setContainerCustomizer(recovery);
		return factory;
	}

	/**
	 * Simple containers (Boot applies it to its default factory; {@link ListenerContainerFactories}
	 * to the others) try to bring back a lost consumer every
	 * {@code amqp-patterns.listener.recovery-interval}, not every 5 s; and their observations have
	 * tags of bounded values ({@link ObservationConfiguration}).
	 */
	@Bean
	ContainerCustomizer<SimpleMessageListenerContainer> simpleContainerRecovery(ListenerProperties properties) {
		return (container) -> recoverEvery(container, properties.recoveryInterval().toMillis());
	}

	/**
	 * Direct containers restart lost consumers from a monitor task that runs every
	 * {@code failedDeclarationRetryInterval} (5 s by default): that follows
	 * {@code amqp-patterns.listener.recovery-interval} as well. Their observations as the simple
	 * containers'.
	 */
	@Bean
	ContainerCustomizer<DirectMessageListenerContainer> directContainerRecovery(ListenerProperties properties) {
		return (container) -> recoverEvery(container, properties.recoveryInterval().toMillis());
	}

	private static void recoverEvery(AbstractMessageListenerContainer container, long millis) {
		container.setRecoveryInterval(millis);
		container.setFailedDeclarationRetryInterval(millis);
		container.setObservationConvention(ObservationConfiguration.LISTENER_TAGS);
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

	/**
	 * The client's threads are named {@code amqp-client-N} rather than {@code pool-N-thread-N}:
	 * the subscribers' listeners run on them (see {@link #subscriberListenerContainerFactory}), and
	 * the log lines show the thread.
	 */
	@Bean
	ConnectionFactoryCustomizer namedClientThreads() {
		return (factory) -> factory.setThreadFactory(new CustomizableThreadFactory("amqp-client-"));
	}

}
