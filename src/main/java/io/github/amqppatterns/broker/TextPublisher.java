package io.github.amqppatterns.broker;

import java.util.Map;
import java.util.UUID;

import io.github.amqppatterns.live.LiveEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes a text message the way the tutorials' senders do, and logs their
 * {@code [x] Sent} line. Every message gets a {@code message_id}, so a publish response and the
 * delivery it caused can be matched.
 */
@Component
public class TextPublisher {

	private static final Logger logger = LoggerFactory.getLogger(TextPublisher.class);

	private final RabbitTemplate rabbitTemplate;

	private final ApplicationEventPublisher events;

	TextPublisher(RabbitTemplate rabbitTemplate, ApplicationEventPublisher events) {
		this.rabbitTemplate = rabbitTemplate;
		this.events = events;
	}

	public Published publish(String exchange, String routingKey, String text, MessageDeliveryMode deliveryMode) {
		return publish(exchange, routingKey, text, deliveryMode, Map.of());
	}

	public Published publish(String exchange, String routingKey, String text, MessageDeliveryMode deliveryMode,
			Map<String, String> headers) {
		String messageId = UUID.randomUUID().toString();
		// before the send: a consumer may get the message before this thread is back from it
		this.events.publishEvent(LiveEvent.published(exchange, routingKey, messageId, text));
		try {
			this.rabbitTemplate.convertAndSend(exchange, routingKey, text, (message) -> {
				message.getMessageProperties().setMessageId(messageId);
				message.getMessageProperties().setDeliveryMode(deliveryMode);
				headers.forEach(message.getMessageProperties()::setHeader);
				return message;
			});
		}
		catch (AmqpException ex) {
			this.events.publishEvent(LiveEvent.publishFailed(exchange, routingKey, messageId, text));
			throw ex;
		}
		logger.info(" [x] Sent '{}'{}", PlainText.preview(text), describe(exchange, routingKey));
		return new Published(exchange, routingKey, messageId);
	}

	private static String describe(String exchange, String routingKey) {
		return exchange.isEmpty() ? " to queue '" + routingKey + "'"
				: " to exchange '" + exchange + "' with routing key '" + routingKey + "'";
	}

}
