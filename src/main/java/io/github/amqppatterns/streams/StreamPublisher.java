package io.github.amqppatterns.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * a stream confirms a message once it is written to a majority of its replicas. The confirm says
 * nothing of the message's offset; its consumer learns it.
 */
@Component
class StreamPublisher {

	private final StreamStarter starter;

	private final Duration confirmTimeout;

	StreamPublisher(StreamStarter starter, PublishProperties properties) {
		this.starter = starter;
		this.confirmTimeout = properties.confirmTimeout();
	}

	/** Publishes one message and waits for its confirm. */
	void publish(RabbitStreamTemplate template, Outgoing message) {
		publishAll(template, List.of(message), this.confirmTimeout);
	}

	/** Publishes the messages, then waits for all their confirms, at most {@code timeout} in all. */
	void publishAll(RabbitStreamTemplate template, List<Outgoing> messages, Duration timeout) {
		this.starter.requireStarted();
		List<CompletableFuture<Boolean>> confirms = messages.stream()
			.map((outgoing) -> template.send(message(template, outgoing)))
			.toList();
		try {
			CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new PublishFailedException("The broker did not confirm every message on stream '" + template.getStreamName()
					+ "' within " + timeout.toMillis() + " ms; they may or may not have been taken");
		}
		catch (ExecutionException ex) {
			throw new PublishFailedException("The broker did not take a message on stream '" + template.getStreamName()
					+ "': " + ex.getCause().getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublishFailedException("Interrupted while waiting for the broker's confirms");
		}
		if (confirms.stream().anyMatch((confirm) -> !confirm.join())) {
			throw new PublishFailedException("The broker refused a message on stream '" + template.getStreamName() + "'");
		}
	}

	private static Message message(RabbitStreamTemplate template, Outgoing outgoing) {
		MessageBuilder builder = template.messageBuilder()
			.properties()
			.messageId(outgoing.messageId())
			.contentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN)
			.messageBuilder();
		String partitionKey = outgoing.partitionKey();
		if (partitionKey != null) {
			builder.applicationProperties().entry(SuperStreamConsumers.PARTITION_KEY, partitionKey);
		}
		return builder.addData(outgoing.text().getBytes(StandardCharsets.UTF_8)).build();
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
