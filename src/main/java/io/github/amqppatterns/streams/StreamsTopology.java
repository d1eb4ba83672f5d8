package io.github.amqppatterns.streams;

import com.rabbitmq.stream.ByteCapacity;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.StreamCreator;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.RabbitStreamTemplateConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.rabbit.stream.config.StreamRabbitListenerContainerFactory;
import org.springframework.rabbit.stream.producer.RabbitStreamTemplate;
import org.springframework.rabbit.stream.support.StreamAdmin;

/**
 * The stream tutorials' streams, and a super stream: declared by a {@link StreamAdmin} where they
 * do not exist yet, as the official Java tutorial declares them, so that its programs and the
 * service take each other's streams; published to through a {@link RabbitStreamTemplate} each, on
 * Boot's stream {@link Environment}. None of it starts where this instance has no streams.
 */
@Configuration(proxyBeanMethods = false)
class StreamsTopology {

	static final String HELLO = "hello-java-stream";

	static final String OFFSET_TRACKING = "stream-offset-tracking-java";

	static final String SUPER_STREAM = "invoices";

	static final String HELLO_CONTAINER_FACTORY = "helloStreamContainerFactory";

	@Bean
	StreamAdmin streamAdmin(Environment environment, StreamsAvailability availability, StreamsProperties properties) {
		StreamAdmin admin = new StreamAdmin(environment, (creator) -> {
			if (!environment.streamExists(HELLO)) {
				declare(creator, HELLO, properties.helloMaxLengthBytes(), properties);
			}
			if (!environment.streamExists(OFFSET_TRACKING)) {
				declare(creator, OFFSET_TRACKING, properties.offsetTrackingMaxLengthBytes(), properties);
			}
			StreamsProperties.SuperStream superStream = properties.superStream();
			if (availability.superStreamAvailable()
					&& !superStream.partitionNames().stream().allMatch(environment::streamExists)) {
				declare(creator.superStream().partitions(superStream.partitions()).creator(), SUPER_STREAM,
						superStream.maxLengthBytes(), properties);
			}
		});
		admin.setAutoStartup(availability.available());
		return admin;
	}

	private static void declare(StreamCreator creator, String stream, String maxLengthBytes,
			StreamsProperties properties) {
		creator.name(stream)
			.maxLengthBytes(ByteCapacity.from(maxLengthBytes))
			.argument("queue-leader-locator", properties.leaderLocator())
			.create();
	}

	@Bean
	RabbitStreamTemplate helloStreamTemplate(Environment environment, RabbitStreamTemplateConfigurer configurer) {
		return template(environment, configurer, HELLO);
	}

	@Bean
	RabbitStreamTemplate offsetTrackingStreamTemplate(Environment environment,
			RabbitStreamTemplateConfigurer configurer) {
		return template(environment, configurer, OFFSET_TRACKING);
	}

	/** Each message to the partition its key hashes to (MurmurHash3, as every stream client does). */
	@Bean
	RabbitStreamTemplate superStreamTemplate(Environment environment, RabbitStreamTemplateConfigurer configurer) {
		RabbitStreamTemplate template = template(environment, configurer, SUPER_STREAM);
		template.setSuperStreamRouting(StreamPublisher::partitionKey);
		return template;
	}

	private static RabbitStreamTemplate template(Environment environment, RabbitStreamTemplateConfigurer configurer,
			String stream) {
		RabbitStreamTemplate template = new RabbitStreamTemplate(environment, stream);
		configurer.configure(template);
		return template;
	}

	/**
	 * Tutorial 1's receiver's: from the stream's first message, with the stream client's own message
	 * and context, which carry the offset; observed as Boot's would be (Boot makes one only where
	 * every listener is a stream listener).
	 */
	@Bean(HELLO_CONTAINER_FACTORY)
	StreamRabbitListenerContainerFactory helloStreamContainerFactory(Environment environment,
			RabbitProperties rabbitProperties, StreamsAvailability availability) {
		StreamRabbitListenerContainerFactory factory = new StreamRabbitListenerContainerFactory(environment);
		factory.setNativeListener(true);
		factory.setObservationEnabled(rabbitProperties.getListener().getStream().isObservationEnabled());
		factory.setConsumerCustomizer((id, builder) -> builder.offset(OffsetSpecification.first()));
		factory.setContainerCustomizer((container) -> container.setAutoStartup(availability.available()));
		return factory;
	}

}
