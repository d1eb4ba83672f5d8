package io.github.amqppatterns.streams;

import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;

import org.springframework.boot.amqp.autoconfigure.RabbitStreamTemplateConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.rabbit.stream.config.StreamRabbitListenerContainerFactory;
import org.springframework.rabbit.stream.producer.RabbitStreamTemplate;
import org.springframework.rabbit.stream.support.StreamAdmin;

/**
 * The stream tutorials' streams, on Boot's stream {@link Environment} ({@code spring.rabbitmq.stream.*}):
 * declared over the stream protocol as the official clients declare them, a template to publish to
 * each, and the listener container factory of tutorial 1's receiver.
 * <p>
 * The streams are declared only where they do not exist yet, so a stream the tutorial programs
 * declared first (with another client's defaults) is taken as it is. Nothing here starts with the
 * context: without the stream protocol the declarations and the listener would fail the whole
 * context, AMQP listeners included; {@link StreamStarter} starts them once it answers.
 */
@Configuration(proxyBeanMethods = false)
class StreamsTopology {

	static final String HELLO_CONTAINER_FACTORY = "helloStreamListenerContainerFactory";

	@Bean
	StreamsProperties.Hello helloStream(StreamsProperties properties) {
		return properties.hello();
	}

	@Bean
	StreamAdmin helloStreamDeclaration(Environment environment, StreamsProperties properties) {
		return declaration(environment, properties.hello(), properties);
	}

	@Bean
	StreamAdmin offsetTrackingStreamDeclaration(Environment environment, StreamsProperties properties) {
		return declaration(environment, properties.offsetTracking(), properties);
	}

	private static StreamAdmin declaration(Environment environment, StreamsProperties.Stream stream,
			StreamsProperties properties) {
		StreamAdmin admin = new StreamAdmin(environment, (creator) -> {
			if (!environment.streamExists(stream.name())) {
				creator.stream(stream.name())
					.maxLengthBytes(stream.retention())
					.argument("queue-leader-locator", properties.leaderLocator())
					.create();
			}
		});
		admin.setAutoStartup(false);
		return admin;
	}

	@Bean
	RabbitStreamTemplate helloStreamTemplate(Environment environment, RabbitStreamTemplateConfigurer configurer,
			StreamsProperties properties) {
		return template(environment, configurer, properties.hello());
	}

	@Bean
	RabbitStreamTemplate offsetTrackingStreamTemplate(Environment environment,
			RabbitStreamTemplateConfigurer configurer, StreamsProperties properties) {
		return template(environment, configurer, properties.offsetTracking());
	}

	private static RabbitStreamTemplate template(Environment environment, RabbitStreamTemplateConfigurer configurer,
			StreamsProperties.Stream stream) {
		RabbitStreamTemplate template = new RabbitStreamTemplate(environment, stream.name());
		configurer.configure(template);
		return template;
	}

	/**
	 * Tutorial 1's receiver reads the stream from its first message ({@code OffsetSpecification.first()}),
	 * with the stream client's own message and context ({@code nativeListener}). A factory of its own:
	 * {@code spring.rabbitmq.listener.type=stream} would make every AMQP listener a stream one. The
	 * container builds the consumer after this customizer, so the customizer must not.
	 */
	@Bean(HELLO_CONTAINER_FACTORY)
	StreamRabbitListenerContainerFactory helloStreamListenerContainerFactory(Environment environment) {
		StreamRabbitListenerContainerFactory factory = new StreamRabbitListenerContainerFactory(environment);
		factory.setNativeListener(true);
		factory.setConsumerCustomizer((id, builder) -> builder.offset(OffsetSpecification.first()));
		factory.setContainerCustomizer((container) -> container.setAutoStartup(false));
		return factory;
	}

}
