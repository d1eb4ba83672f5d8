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
 * The streams of the RabbitMQ Stream tutorials, and a super stream: declared by a
 * {@link StreamAdmin} where they do not exist yet, as the official Java tutorial declares them
 * (retention, leader locator), so that the tutorial's programs and the service accept each other's
 * streams; published to through a {@link RabbitStreamTemplate} each, on Boot's stream
 * {@link Environment}. Where {@link StreamsAvailability} says this instance has no streams, nothing
 * of it starts.
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
			declare(environment, creator, HELLO, properties.helloMaxLengthBytes(), properties);
			declare(environment, creator, OFFSET_TRACKING, properties.offsetTrackingMaxLengthBytes(), properties);
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

	private static void declare(Environment environment, StreamCreator creator, String stream, String maxLengthBytes,
			StreamsProperties properties) {
		if (!environment.streamExists(stream)) {
			declare(creator, stream, maxLengthBytes, properties);
		}
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

	/**
	 * The super stream's: each message goes to the partition its {@code partition-key} application
	 * property hashes to (MurmurHash3, as every stream client does it), so one key's messages stay in
	 * order in one partition.
	 */
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
	 * Tutorial 1's receiver's: it reads the stream from its first message, and gets the stream
	 * client's own message and context, which carry the offset.
	 */
	@Bean(HELLO_CONTAINER_FACTORY)
	StreamRabbitListenerContainerFactory helloStreamContainerFactory(Environment environment,
			RabbitProperties rabbitProperties, StreamsAvailability availability) {
		StreamRabbitListenerContainerFactory factory = containerFactory(environment, rabbitProperties);
		factory.setConsumerCustomizer((id, builder) -> builder.offset(OffsetSpecification.first()));
		factory.setContainerCustomizer((container) -> container.setAutoStartup(availability.available()));
		return factory;
	}

	/**
	 * A factory of stream listener containers with the stream client's own messages, observed as
	 * {@code spring.rabbitmq.listener.stream.observation-enabled} says, as Boot's would be (Boot
	 * makes one only where every listener is a stream listener).
	 */
	static StreamRabbitListenerContainerFactory containerFactory(Environment environment,
			RabbitProperties rabbitProperties) {
		StreamRabbitListenerContainerFactory factory = new StreamRabbitListenerContainerFactory(environment);
		factory.setNativeListener(true);
		factory.setObservationEnabled(rabbitProperties.getListener().getStream().isObservationEnabled());
		return factory;
	}

}
