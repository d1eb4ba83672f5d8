package io.github.amqppatterns.streams;

import com.rabbitmq.stream.Environment;

import org.springframework.boot.amqp.autoconfigure.RabbitStreamTemplateConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.rabbit.stream.producer.RabbitStreamTemplate;

/**
 * A {@link RabbitStreamTemplate} for each stream tutorial's stream and for the super stream, on Boot's stream
 * {@link Environment} ({@code spring.rabbitmq.stream.*}). The streams themselves, and tutorial 1's
 * receiver, are {@link StreamStarter}'s.
 */
@Configuration(proxyBeanMethods = false)
class StreamsTopology {

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

	/**
	 * The super stream's: each message goes to the partition its {@code partition-key} application
	 * property hashes to (MurmurHash3, as every stream client does it), so messages of one key stay
	 * in order in one partition.
	 */
	@Bean
	RabbitStreamTemplate superStreamTemplate(Environment environment, RabbitStreamTemplateConfigurer configurer,
			StreamsProperties properties) {
		RabbitStreamTemplate template = template(environment, configurer, properties.superStream());
		template.setSuperStreamRouting(SuperStreamConsumers::partitionKey);
		return template;
	}

	private static RabbitStreamTemplate template(Environment environment, RabbitStreamTemplateConfigurer configurer,
			StreamsProperties.Stream stream) {
		RabbitStreamTemplate template = new RabbitStreamTemplate(environment, stream.name());
		configurer.configure(template);
		return template;
	}

}
