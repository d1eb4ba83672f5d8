package io.github.amqppatterns.streams;

import java.nio.charset.StandardCharsets;

import com.rabbitmq.stream.Message;
import org.jspecify.annotations.Nullable;

/** A stream message as the tutorials write it: a UTF-8 text body, and maybe a {@code message_id}. */
final class StreamText {

	private StreamText() {
	}

	static String body(Message message) {
		return new String(message.getBodyAsBinary(), StandardCharsets.UTF_8);
	}

	static @Nullable String messageId(Message message) {
		Object id = (message.getProperties() != null) ? message.getProperties().getMessageId() : null;
		return (id != null) ? id.toString() : null;
	}

}
