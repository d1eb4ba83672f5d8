package io.github.amqppatterns.broker;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Converts between {@link String} and plain-text messages, the only body the tutorials know.
 * <p>
 * Replaces Spring AMQP's {@code SimpleMessageConverter} for two reasons: a body without a content
 * type (what the official Python, Go or Java tutorial clients send) still arrives as text instead
 * of {@code byte[]}, and no body is ever deserialized as a Java object, whatever content type a
 * producer claims.
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
