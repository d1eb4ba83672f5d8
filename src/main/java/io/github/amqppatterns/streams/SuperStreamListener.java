package io.github.amqppatterns.streams;

import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.ConsumerUpdateListener;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.MessageHandler;
import com.rabbitmq.stream.NoOffsetException;
import com.rabbitmq.stream.OffsetSpecification;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.rabbit.stream.listener.StreamMessageListener;

/**
 * One consumer of the super stream's group, single active consumer of each partition, with manual
 * offset tracking as the stream client's guide shows it. Made active on a partition, it resumes
 * after the offset stored there by the group's consumer before it (of any instance), else from the
 * first message; it stores every {@value OffsetTrackingRuns#STORE_EVERY} messages, and its last one
 * when made inactive or stopped. One that dies without storing leaves its successor at most that
 * many messages per partition to read again, and nothing skipped.
 */
final class SuperStreamListener implements StreamMessageListener, ConsumerUpdateListener {

	private static final Logger logger = LoggerFactory.getLogger(SuperStreamListener.class);

	private final String consumer;

	private final DeliveryLog deliveryLog;

	private final Map<String, Active> active = new HashMap<>();

	SuperStreamListener(String consumer, DeliveryLog deliveryLog) {
		this.consumer = consumer;
		this.deliveryLog = deliveryLog;
	}

	String consumer() {
		return this.consumer;
	}

	@Override
	public @Nullable OffsetSpecification update(ConsumerUpdateListener.Context context) {
		String partition = context.stream();
		if (!context.isActive()) {
			synchronized (this) {
				Active was = this.active.remove(partition);
				if (was != null) {
					storeLastProcessed(partition, was, "Inactive");
				}
			}
			return null;
		}
		Long resumeAt;
		try {
			resumeAt = context.consumer().storedOffset() + 1;
			logger.info("{}  Active on {}: resuming after the stored offset {}", this.consumer, partition, resumeAt - 1);
		}
		catch (NoOffsetException ex) {
			resumeAt = null;
			logger.info("{}  Active on {}: no stored offset, reading from the first message", this.consumer, partition);
		}
		synchronized (this) {
			this.active.put(partition, new Active(context.consumer(), resumeAt));
		}
		return (resumeAt != null) ? OffsetSpecification.offset(resumeAt) : OffsetSpecification.first();
	}

	@Override
	public synchronized void onStreamMessage(Message message, MessageHandler.Context context) {
		String partition = context.stream();
		String body = StreamPublisher.body(message);
		this.deliveryLog.recordFromStream(MessagingPattern.STREAMS, this.consumer, partition,
				StreamPublisher.messageId(message), body, context.offset());
		logger.info("{}  Received '{}' from {} (offset {})", this.consumer, PlainText.preview(body), partition,
				context.offset());
		Active state = this.active.get(partition);
		if (state == null) {
			return; // dispatched before it was made inactive there: the next active one has it too
		}
		state.lastProcessed = context.offset();
		// the partition's own consumer: Context.storeOffset() would store the other partitions' too
		if (++state.processed % OffsetTrackingRuns.STORE_EVERY == 0) {
			context.consumer().store(context.offset());
		}
	}

	@Override
	public void onMessage(org.springframework.amqp.core.Message message) {
		throw new UnsupportedOperationException("A stream listener gets the stream client's messages");
	}

	/** The service stops: stores the last processed offset of every partition it is active on. */
	synchronized void stopping() {
		this.active.forEach((partition, state) -> storeLastProcessed(partition, state, "Stopping"));
		this.active.clear();
	}

	/** Where it is active now, and the offset it resumed at on each partition (null: from the first). */
	synchronized Map<String, @Nullable Long> activeOn() {
		Map<String, @Nullable Long> resumedAt = new HashMap<>();
		this.active.forEach((partition, state) -> resumedAt.put(partition, state.resumedAt));
		return resumedAt;
	}

	private void storeLastProcessed(String partition, Active state, String now) {
		if (state.lastProcessed >= 0) {
			state.partitionConsumer.store(state.lastProcessed);
			logger.info("{}  {} on {}: stored the offset {} for the next active consumer", this.consumer, now, partition,
					state.lastProcessed);
		}
	}

	private static final class Active {

		private final Consumer partitionConsumer;

		private final @Nullable Long resumedAt;

		private long lastProcessed = -1;

		private long processed;

		Active(Consumer partitionConsumer, @Nullable Long resumedAt) {
			this.partitionConsumer = partitionConsumer;
			this.resumedAt = resumedAt;
		}

	}

}
