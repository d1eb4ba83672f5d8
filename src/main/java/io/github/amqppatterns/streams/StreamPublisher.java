package io.github.amqppatterns.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.amqppatterns.broker.PublishFailedException;
import io.github.amqppatterns.broker.PublishProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.rabbit.stream.producer.RabbitStreamTemplate;
import org.springframework.rabbit.stream.support.StreamMessageProperties;
import org.springframework.stereotype.Component;

/**
 * Publishes text to a stream through its {@link RabbitStreamTemplate}, as the stream tutorials'
 * senders do, with a {@code message_id}, and waits for the broker's confirms: a stream confirms a
 * message once a majority of its replicas has it, and says nothing of its offset. Also how the
 * service reads a stream client's message.
 */
@Component
class StreamPublisher {

	/** The application property a super stream message is routed on to its partition. */
	static final String PARTITION_KEY = "partition-key";

	private final StreamsAvailability availability;

	private final Duration confirmTimeout;

	StreamPublisher(StreamsAvailability availability, PublishProperties properties) {
		this.availability = availability;
		this.confirmTimeout = properties.confirmTimeout();
	}

	void publish(RabbitStreamTemplate template, Message message) {
		publishAll(template, List.of(message), this.confirmTimeout, PublishProperties.CONFIRM_TIMEOUT);
	}

	/** Publishes the messages, then waits for all their confirms, at most {@code timeout} in all. */
	void publishAll(RabbitStreamTemplate template, List<Message> messages, Duration timeout, String setting) {
		this.availability.require(false);
		CompletableFuture<?>[] confirms = messages.stream().map(template::send).toArray(CompletableFuture[]::new);
		String what = ((messages.size() == 1) ? "the message" : "every message") + " on stream '"
				+ template.getStreamName() + "'";
		PublishFailedException.await(CompletableFuture.allOf(confirms), timeout, setting, what);
		for (CompletableFuture<?> confirm : confirms) {
			if (!Boolean.TRUE.equals(confirm.join())) {
				throw new PublishFailedException("The broker refused a message on stream '" + template.getStreamName() + "'");
			}
		}
	}

	/** A text message, with a {@code partition-key} for a super stream; the template makes it a stream's. */
	static Message message(String text, String messageId, @Nullable String partitionKey) {
		MessageBuilderSupport<Message> message = MessageBuilder.withBody(text.getBytes(StandardCharsets.UTF_8))
			.andProperties(new StreamMessageProperties())
			.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN)
			.setMessageId(messageId);
		return ((partitionKey != null) ? message.setHeader(PARTITION_KEY, partitionKey) : message).build();
	}

	static String partitionKey(com.rabbitmq.stream.Message message) {
		Map<String, Object> properties = message.getApplicationProperties();
		Object key = (properties != null) ? properties.get(PARTITION_KEY) : null;
		return (key != null) ? key.toString() : "";
	}

	static String body(com.rabbitmq.stream.Message message) {
		return new String(message.getBodyAsBinary(), StandardCharsets.UTF_8);
	}

	static @Nullable String messageId(com.rabbitmq.stream.Message message) {
		Object id = (message.getProperties() != null) ? message.getProperties().getMessageId() : null;
		return (id != null) ? id.toString() : null;
	}

}
