package io.github.amqppatterns.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.amqppatterns.broker.LiveEvent;
import io.github.amqppatterns.broker.LiveEvents;
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
 * message once a majority of its replicas has it, and says nothing of its offset. Each message
 * is a live event when it goes out, and when it is confirmed or refused. Also how the service reads
 * a stream client's message.
 */
@Component
class StreamPublisher {

	/** The application property a super stream message is routed on to its partition. */
	static final String PARTITION_KEY = "partition-key";

	private final StreamsAvailability availability;

	private final Duration confirmTimeout;

	private final LiveEvents live;

	StreamPublisher(StreamsAvailability availability, PublishProperties properties, LiveEvents live) {
		this.availability = availability;
		this.confirmTimeout = properties.confirmTimeout();
		this.live = live;
	}

	void publish(RabbitStreamTemplate template, Message message) {
		publishAll(template, List.of(message), this.confirmTimeout, PublishProperties.CONFIRM_TIMEOUT);
	}

	/** Publishes the messages, then waits for all their confirms, at most {@code timeout} in all. */
	void publishAll(RabbitStreamTemplate template, List<Message> messages, Duration timeout, String setting) {
		this.availability.require(false);
		String stream = template.getStreamName();
		List<CompletableFuture<Boolean>> confirms = messages.stream().map((message) -> {
			tell("published", stream, message);
			CompletableFuture<Boolean> confirm = template.send(message);
			// a live event per outcome, whoever waits for it and however long
			confirm.whenComplete((confirmed, ex) -> tell(Boolean.TRUE.equals(confirmed) ? "confirmed" : "publish-failed",
					stream, message));
			return confirm;
		}).toList();
		String what = ((messages.size() == 1) ? "the message" : "every message") + " on stream '" + stream + "'";
		PublishFailedException.await(CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)), timeout,
				setting, what);
		for (CompletableFuture<Boolean> confirm : confirms) {
			if (!Boolean.TRUE.equals(confirm.join())) {
				throw new PublishFailedException("The broker refused a message on stream '" + stream + "'");
			}
		}
	}

	private void tell(String kind, String stream, Message message) {
		this.live.publish(() -> {
			MessageProperties properties = message.getMessageProperties();
			Object key = properties.getHeader(PARTITION_KEY);
			return LiveEvent.toStream(kind, stream, (key != null) ? key.toString() : null,
					String.valueOf(properties.getMessageId()), new String(message.getBody(), StandardCharsets.UTF_8));
		});
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
