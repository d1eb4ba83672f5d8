package io.github.amqppatterns.broker;

import java.util.List;

import io.micrometer.common.KeyValues;
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
import org.springframework.amqp.rabbit.support.micrometer.RabbitListenerObservation;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageReceiverContext;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageSenderContext;
import org.springframework.amqp.rabbit.support.micrometer.RabbitTemplateObservation;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.DirectRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** How the service talks to any broker, whatever the pattern. */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(BrokerConfiguration.class);

	private static final ListenerTags LISTENER_TAGS = new ListenerTags();

	@Bean
	BrokerInUse brokerInUse(ObjectProvider<EmbeddedBroker> embedded, RabbitConnectionDetails details,
			QueueTypeProperties properties) {
		return new BrokerInUse(embedded.getIfAvailable(), details, properties.queueType());
	}

	/** {@code /actuator/health}'s {@code broker}: which and where ({@code rabbit} checks a configured one). */
	@Bean
	AbstractHealthIndicator brokerHealthIndicator(BrokerInUse broker) {
		return new AbstractHealthIndicator() {

			@Override
			protected void doHealthCheck(Health.Builder builder) {
				EmbeddedBroker embedded = broker.embedded();
				if (embedded != null) {
					(embedded.isActive() ? builder.up() : builder.down()).withDetail("mode", "embedded")
						.withDetail("product", EmbeddedBroker.PRODUCT + " " + embedded.version());
				}
				else {
					builder.up().withDetail("mode", "configured");
				}
				builder.withDetail("addresses", broker.addresses()).withDetail("queueType", broker.queueType().id());
			}

		};
	}

	/**
	 * The publisher reads a return from its {@code CorrelationData}: the callback only keeps Spring
	 * from warning about each one. The template adds two {@code spring_}… correlation headers to
	 * every message, which the tutorials' clients ignore.
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
	 * RabbitMQ 3.10 refuses and other brokers answer by closing the connection; an exclusive queue
	 * lives on its connection's node anyway.
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
	 * A direct container runs the listener on the client's thread, as the tutorials' receivers do;
	 * Boot's default (simple) one hands each message to a thread of its own, a quarter of an autoAck
	 * subscriber's CPU (bench/RESULTS.md, scenario 3).
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

	/** Boot applies it to its default factory, {@link ListenerContainerFactories} to the others. */
	@Bean
	ContainerCustomizer<SimpleMessageListenerContainer> simpleContainerRecovery(ListenerProperties properties,
			Amqp10 amqp10) {
		return (container) -> recoverEvery(container, properties.recoveryInterval().toMillis(), amqp10);
	}

	@Bean
	ContainerCustomizer<DirectMessageListenerContainer> directContainerRecovery(ListenerProperties properties,
			Amqp10 amqp10) {
		return (container) -> recoverEvery(container, properties.recoveryInterval().toMillis(), amqp10);
	}

	/**
	 * Spring's default is 5 s; a direct container retries from its failed-declaration monitor. The
	 * container starts only where the receivers consume over AMQP 0-9-1 ({@code amqp-patterns.receivers}).
	 */
	private static void recoverEvery(AbstractMessageListenerContainer container, long millis, Amqp10 amqp10) {
		container.setAutoStartup(container.isAutoStartup() && !amqp10.receivers());
		container.setRecoveryInterval(millis);
		container.setFailedDeclarationRetryInterval(millis);
		container.setObservationConvention(LISTENER_TAGS);
	}

	/**
	 * Spring AMQP's own conventions tag a send with its routing key and a delivery with its queue
	 * (server-named ones are new after every reconnection): a metric series per value. Here a send
	 * is tagged with its template and exchange, a delivery with its listener's id.
	 */
	@Bean
	RabbitTemplateCustomizer templateTagsOfBoundedValues() {
		return (template) -> template.setObservationConvention(new TemplateTags());
	}

	/**
	 * {@code spring.rabbitmq.connection-timeout} bounds only the TCP connect: without this, a peer
	 * that never answers the AMQP handshake would hold a request for 10 s before its 503.
	 */
	@Bean
	ConnectionFactoryCustomizer handshakeTimeoutFollowsConnectionTimeout() {
		return (factory) -> {
			if (factory.getConnectionTimeout() > 0) {
				factory.setHandshakeTimeout(factory.getConnectionTimeout());
			}
		};
	}

	/** The subscribers' listeners run on the client's threads, and log lines show the thread. */
	@Bean
	ConnectionFactoryCustomizer namedClientThreads() {
		return (factory) -> factory.setThreadFactory(new CustomizableThreadFactory("amqp-client-"));
	}

	private static final class TemplateTags extends RabbitTemplateObservation.DefaultRabbitTemplateObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(RabbitMessageSenderContext context) {
			String exchange = context.getExchange();
			return KeyValues.of(
					RabbitTemplateObservation.TemplateLowCardinalityTags.BEAN_NAME.withValue(context.getBeanName()),
					RabbitTemplateObservation.TemplateLowCardinalityTags.EXCHANGE
						.withValue((exchange == null || exchange.isEmpty()) ? "amq.default" : exchange));
		}

	}

	private static final class ListenerTags extends RabbitListenerObservation.DefaultRabbitListenerObservationConvention {

		@Override
		public KeyValues getLowCardinalityKeyValues(RabbitMessageReceiverContext context) {
			return KeyValues.of(RabbitListenerObservation.ListenerLowCardinalityTags.LISTENER_ID
				.withValue(context.getListenerId()));
		}

	}

	/** Boot's connection factory needs these details: the broker starts before it and stops after it. */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnEmbeddedBroker.class)
	static class EmbeddedBrokerConfiguration {

		@Bean(destroyMethod = "close")
		EmbeddedBroker embeddedBroker(EmbeddedBrokerProperties properties) {
			return EmbeddedBroker.start(properties.port());
		}

		@Bean
		RabbitConnectionDetails embeddedBrokerConnectionDetails(EmbeddedBroker broker) {
			return new RabbitConnectionDetails() {

				@Override
				public String getUsername() {
					return broker.username();
				}

				@Override
				public String getPassword() {
					return broker.password();
				}

				@Override
				public String getVirtualHost() {
					return "/";
				}

				@Override
				public List<Address> getAddresses() {
					return List.of(new Address("127.0.0.1", broker.port()));
				}

			};
		}

	}

	/** As {@code amqp-patterns.embedded-broker.enabled} says; unset, when no broker is configured. */
	static class OnEmbeddedBroker extends SpringBootCondition {

		private static final List<String> BROKER_PROPERTIES = List.of("spring.rabbitmq.host", "spring.rabbitmq.port",
				"spring.rabbitmq.addresses");

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			Boolean enabled = Binder.get(environment)
				.bindOrCreate(EmbeddedBrokerProperties.PREFIX, EmbeddedBrokerProperties.class)
				.enabled();
			if (enabled != null) {
				return new ConditionOutcome(enabled, EmbeddedBrokerProperties.PREFIX + ".enabled=" + enabled);
			}
			for (String property : BROKER_PROPERTIES) {
				if (environment.containsProperty(property)) {
					return ConditionOutcome.noMatch("a broker is configured (" + property + ")");
				}
			}
			return ConditionOutcome.match("no broker is configured (" + String.join(", ", BROKER_PROPERTIES) + ")");
		}

	}

}
