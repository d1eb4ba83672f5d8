package io.github.amqppatterns.broker;

import io.micrometer.common.KeyValues;

import org.springframework.amqp.rabbit.support.micrometer.RabbitListenerObservation;
import org.springframework.amqp.rabbit.support.micrometer.RabbitListenerObservationConvention;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageReceiverContext;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageSenderContext;
import org.springframework.amqp.rabbit.support.micrometer.RabbitTemplateObservation;
import org.springframework.amqp.rabbit.support.micrometer.RabbitTemplateObservationConvention;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring AMQP's observations ({@code spring_rabbit_template_seconds},
 * {@code spring_rabbit_listener_seconds}) with tags whose values the code fixes, never a request or
 * the broker: a metric series per tag value, and Spring's own conventions tag a send with its
 * routing key (a topic key any client may post, a publisher-confirms run's temporary queue) and a
 * delivery with its queue (a server-named {@code amq.gen-…}, new after every reconnection). Here a
 * send is tagged with its template and exchange, a delivery with its listener's id; whether it
 * failed is Micrometer's {@code error} tag.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

	/** For every listener container: see {@code BrokerConfiguration}'s container customizers. */
	static final RabbitListenerObservationConvention LISTENER_TAGS = new ListenerTags();

	@Bean
	RabbitTemplateCustomizer templateTagsOfBoundedValues() {
		return (template) -> template.setObservationConvention(new TemplateTags());
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

}
