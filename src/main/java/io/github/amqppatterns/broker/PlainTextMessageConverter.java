package io.github.amqppatterns.broker;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Strings to and from plain-text messages. Unlike Spring AMQP's {@code SimpleMessageConverter}, a
 * body without a content type (as the official tutorial clients send) arrives as text, and no body
 * is ever deserialized as a Java object.
 */
class PlainTextMessageConverter implements MessageConverter {

	@Override
	public Message toMessage(Object object, MessageProperties properties) {
		if (!(object instanceof String text)) {
			throw new MessageConversionException(
					"Only text messages are supported, not " + object.getClass().getName());
		}
		Message message = PlainText.message(text, properties).build();
		properties.setContentLength(message.getBody().length);
		return message;
	}

	@Override
	public Object fromMessage(Message message) {
		return PlainText.of(message);
	}

}
