package io.github.amqppatterns.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.MessageBuilder;
import io.github.amqppatterns.broker.PublishFailedException;
import io.github.amqppatterns.broker.PublishProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.rabbit.stream.producer.RabbitStreamTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes text to a stream through its {@link RabbitStreamTemplate}, as the stream tutorials'
 * senders do, with a {@code message_id} and {@code text/plain}, and waits for the broker's confirms:
 * a stream confirms a message once a majority of its replicas has it. The confirm says nothing of
 * the message's offset; its consumer learns it. Also how the service reads such a message.
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

	/** Publishes one message and waits for its confirm. */
	void publish(RabbitStreamTemplate template, Outgoing message) {
		publishAll(template, List.of(message), this.confirmTimeout, PublishProperties.CONFIRM_TIMEOUT);
	}

	/** Publishes the messages, then waits for all their confirms, at most {@code timeout} in all. */
	void publishAll(RabbitStreamTemplate template, List<Outgoing> messages, Duration timeout, String setting) {
		this.availability.require();
		CompletableFuture<?>[] confirms = messages.stream()
			.map((outgoing) -> template.send(message(template, outgoing)))
			.toArray(CompletableFuture[]::new);
		String what = ((messages.size() == 1) ? "the message" : "every message") + " on stream '"
				+ template.getStreamName() + "'";
		PublishFailedException.await(CompletableFuture.allOf(confirms), timeout, setting, what);
		for (CompletableFuture<?> confirm : confirms) {
			if (!Boolean.TRUE.equals(confirm.join())) {
				throw new PublishFailedException("The broker refused a message on stream '" + template.getStreamName() + "'");
			}
		}
	}

	private static Message message(RabbitStreamTemplate template, Outgoing outgoing) {
		MessageBuilder builder = template.messageBuilder()
			.properties()
			.messageId(outgoing.messageId())
			.contentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN)
			.messageBuilder();
		if (outgoing.partitionKey() != null) {
			builder.applicationProperties().entry(PARTITION_KEY, outgoing.partitionKey());
		}
		return builder.addData(outgoing.text().getBytes(StandardCharsets.UTF_8)).build();
	}

	/** The key a super stream message was routed on. */
	static String partitionKey(Message message) {
		Object key = (message.getApplicationProperties() != null)
				? message.getApplicationProperties().get(PARTITION_KEY) : null;
		return (key != null) ? key.toString() : "";
	}

	/** A stream message's body, as the tutorials write it: UTF-8 text. */
	static String body(Message message) {
		return new String(message.getBodyAsBinary(), StandardCharsets.UTF_8);
	}

	static @Nullable String messageId(Message message) {
		Object id = (message.getProperties() != null) ? message.getProperties().getMessageId() : null;
		return (id != null) ? id.toString() : null;
	}

	/**
	 * A message to publish.
	 *
	 * @param text its body
	 * @param messageId its {@code message_id}
	 * @param partitionKey for a super stream, the key that picks its partition
	 */
	record Outgoing(String text, String messageId, @Nullable String partitionKey) {

		Outgoing(String text, String messageId) {
			this(text, messageId, null);
		}

	}

}
