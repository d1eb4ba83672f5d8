package io.github.amqppatterns.streams;

import com.rabbitmq.stream.Environment;

import org.springframework.boot.amqp.autoconfigure.RabbitStreamTemplateConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.rabbit.stream.producer.RabbitStreamTemplate;

/**
 * A {@link RabbitStreamTemplate} for each stream tutorial's stream, on Boot's stream
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

	private static RabbitStreamTemplate template(Environment environment, RabbitStreamTemplateConfigurer configurer,
			StreamsProperties.Stream stream) {
		RabbitStreamTemplate template = new RabbitStreamTemplate(environment, stream.name());
		configurer.configure(template);
		return template;
	}

}
