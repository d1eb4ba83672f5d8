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
 * What is in {@code task_queue.dlq}, and moving it back to {@code task_queue}.
 * <p>
 * AMQP 0-9-1 cannot browse a queue: to show its messages, {@link #peek(int)} gets them without
 * acknowledging, then returns each with {@code basic.nack(requeue=true)}, as the management UI's
 * "Get messages" does. They stay in the queue, marked redelivered. One nack with
 * {@code multiple=true} would do on RabbitMQ, but Qpid Broker-J 9.2.1 requeues only the message of
 * the tag it names and leaves the others unacknowledged on the channel, out of sight until the
 * channel closes.
 * {@link #replay(int)} gets each message, publishes it to {@code task_queue} (same body and
 * {@code message_id}, persistent), waits for the broker's confirm, and only then acknowledges it:
 * a message is never in neither queue, though a failure between confirm and acknowledgement can
 * leave it in both.
 * <p>
 * The nack gets no answer, and a broker may answer another channel's {@code queue.declare} before
 * it has put the messages back (RabbitMQ answers a queue's statistics ahead of its other work). So
 * a count taken first can miss the messages an earlier listing is still returning, and neither
 * method trusts one: a listing counts while it holds the messages it shows, and a replay remembers
 * what it moved rather than how many there were.
 */
@Component
class DeadLetters {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	/** Longest body a listing shows; the rest is cut and marked. */
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

	/**
	 * The number of dead letters, and the oldest {@code limit} of them, left in place. The number
	 * is taken while this holds the ones it shows, so it is never less than they are; it leaves out
	 * the messages another client holds unacknowledged at that moment (on RabbitMQ, whose count is
	 * of ready messages; Qpid Broker-J counts them).
	 */
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

	/**
	 * Moves the dead letters back to {@code task_queue}, at most {@code limit} of them and each at
	 * most once: a task that fails again and comes back while this runs (with its
	 * {@code message_id}) stays for the next replay.
	 */
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
		MessageProperties properties = this.propertiesConverter.toMessageProperties(response.getProps(),
				response.getEnvelope(), StandardCharsets.UTF_8.name());
		return new Message(response.getBody(), properties);
	}

	/**
	 * The dead-letter queue.
	 *
	 * @param queue its name
	 * @param messages how many messages it holds, but for those another client holds unacknowledged on RabbitMQ
	 * @param shown the oldest of them, as many as asked for
	 */
	record Listing(String queue, long messages, List<DeadLetter> shown) {
	}

	/**
	 * A task a worker gave up on.
	 *
	 * @param messageId its {@code message_id}, as when it was published
	 * @param body its body, cut at {@value DeadLetters#BODY_CHARS} characters
	 * @param reason why the last attempt failed
	 * @param attempts how many times a worker tried it
	 */
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

	/**
	 * What a replay did.
	 *
	 * @param replayed how many dead letters went back to {@code task_queue}
	 * @param left how many are still in {@code task_queue.dlq}
	 * @param failure why it stopped early, if it did (never in a response: that is a 503)
	 */
	record Replay(int replayed, long left, @JsonIgnore @Nullable String failure) {
	}

}
