package io.github.amqppatterns.workqueues;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.broker.PublishFailedException;
import io.github.amqppatterns.broker.TextPublisher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.stereotype.Component;

/**
 * AMQP 0-9-1 cannot browse a queue: a listing gets messages and puts each back with a nack of its
 * own (Qpid Broker-J requeues only the named tag of a {@code multiple=true} nack). A nack gets no
 * answer, so a count taken first can miss messages still being put back: a listing counts while it
 * holds what it shows, and a replay remembers what it moved.
 */
@Component
class DeadLetters {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	static final int BODY_CHARS = 1000;

	private final RabbitTemplate rabbitTemplate;

	private final TextPublisher publisher;

	private final BrokerInUse broker;

	private final MessagePropertiesConverter propertiesConverter = new DefaultMessagePropertiesConverter();

	DeadLetters(RabbitTemplate rabbitTemplate, TextPublisher publisher, BrokerInUse broker) {
		this.rabbitTemplate = rabbitTemplate;
		this.publisher = publisher;
		this.broker = broker;
	}

	/** RabbitMQ's count leaves out the messages this holds, Qpid Broker-J's does not. */
	Listing peek(int limit) {
		return Objects.requireNonNull(this.rabbitTemplate.execute((channel) -> {
			List<DeadLetter> shown = new ArrayList<>();
			List<Long> held = new ArrayList<>();
			try {
				GetResponse response;
				while (shown.size() < limit
						&& (response = channel.basicGet(WorkQueueTopology.DEAD_LETTER_QUEUE, false)) != null) {
					held.add(response.getEnvelope().getDeliveryTag());
					shown.add(DeadLetter.of(toMessage(response)));
				}
				long count = count(channel);
				long messages = this.broker.countsUnacknowledged() ? count : count + shown.size();
				return new Listing(WorkQueueTopology.DEAD_LETTER_QUEUE, messages, shown);
			}
			finally {
				for (long deliveryTag : held) {
					channel.basicNack(deliveryTag, false, true);
				}
			}
		}));
	}

	/** Each {@code message_id} once: a task that fails again while this runs waits for the next. */
	Replay replay(int limit) {
		Replay replay = Objects.requireNonNull(this.rabbitTemplate.execute((channel) -> {
			Set<String> moved = new HashSet<>();
			GetResponse response;
			while (moved.size() < limit
					&& (response = channel.basicGet(WorkQueueTopology.DEAD_LETTER_QUEUE, false)) != null) {
				long deliveryTag = response.getEnvelope().getDeliveryTag();
				Message message = toMessage(response);
				String messageId = Objects.requireNonNullElseGet(message.getMessageProperties().getMessageId(),
						() -> UUID.randomUUID().toString());
				if (moved.contains(messageId)) {
					channel.basicNack(deliveryTag, false, true);
					break;
				}
				try {
					this.publisher.againToQueue(WorkQueueTopology.QUEUE, PlainText.of(message), messageId,
							MessageDeliveryMode.PERSISTENT);
				}
				catch (RuntimeException ex) {
					channel.basicNack(deliveryTag, false, true);
					return new Replay(moved.size(), count(channel), ex.getMessage());
				}
				channel.basicAck(deliveryTag, false);
				moved.add(messageId);
			}
			return new Replay(moved.size(), count(channel), null);
		}));
		if (replay.failure() != null) {
			logger.warn("Replay stopped after {} dead letters: {}", replay.replayed(), replay.failure());
			throw new PublishFailedException("Replayed " + replay.replayed()
					+ " dead letters, then could not publish the next one to '" + WorkQueueTopology.QUEUE + "' ("
					+ replay.failure() + "); it is still in '" + WorkQueueTopology.DEAD_LETTER_QUEUE + "'");
		}
		logger.info("Replayed {} dead letters from '{}' to '{}'", replay.replayed(),
				WorkQueueTopology.DEAD_LETTER_QUEUE, WorkQueueTopology.QUEUE);
		return replay;
	}

	private static long count(Channel channel) throws IOException {
		return channel.queueDeclarePassive(WorkQueueTopology.DEAD_LETTER_QUEUE).getMessageCount();
	}

	private Message toMessage(GetResponse response) {
		return new Message(response.getBody(), this.propertiesConverter.toMessageProperties(response.getProps(),
				response.getEnvelope(), StandardCharsets.UTF_8.name()));
	}

	record Listing(String queue, long messages, List<DeadLetter> shown) {
	}

	record DeadLetter(@Nullable String messageId, String body, @Nullable String reason, @Nullable Integer attempts) {

		static DeadLetter of(Message message) {
			MessageProperties properties = message.getMessageProperties();
			String body = PlainText.cut(PlainText.of(message), BODY_CHARS);
			Object reason = properties.getHeader(RepublishMessageRecoverer.X_EXCEPTION_MESSAGE);
			Object attempts = properties.getHeader(Workers.ATTEMPTS_HEADER);
			return new DeadLetter(properties.getMessageId(), body, (reason != null) ? reason.toString() : null,
					(attempts instanceof Number number) ? number.intValue() : null);
		}

	}

	/** {@code failure}: why it stopped early, never in a response (that is a 503). */
	record Replay(int replayed, long left, @JsonIgnore @Nullable String failure) {
	}

}
