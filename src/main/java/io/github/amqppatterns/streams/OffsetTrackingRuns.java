package io.github.amqppatterns.streams;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import io.github.amqppatterns.web.OneAtATime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.rabbit.stream.producer.RabbitStreamTemplate;
import org.springframework.stereotype.Component;

/**
 * Stream tutorial 2, "Offset tracking", as one run: {@code OffsetTrackingSend} publishes N messages,
 * the last {@value #MARKER}, and waits for their confirms; {@code OffsetTrackingReceive} reads with
 * a named consumer up to the marker, storing its offset on the broker every {@value #STORE_EVERY}
 * messages and at the marker, then closes. The next run, also after a restart, reads on after the
 * stored offset, which wins over the consumer's {@code first()}. The consumer is the stream client's
 * own, as the tutorial's: it ends at the marker, where a listener container would go on.
 */
@Component
class OffsetTrackingRuns {

	static final String CONSUMER = "offset-tracking-tutorial";

	static final String MARKER = "marker";

	/** How often tutorial 2, and the super stream's consumers, store their offset. */
	static final int STORE_EVERY = 10;

	private static final Logger logger = LoggerFactory.getLogger(OffsetTrackingRuns.class);

	private final Environment environment;

	private final RabbitStreamTemplate template;

	private final StreamPublisher publisher;

	private final DeliveryLog deliveryLog;

	private final StreamsProperties properties;

	private final OneAtATime runs = new OneAtATime("An offset-tracking run");

	OffsetTrackingRuns(Environment environment, @Qualifier("offsetTrackingStreamTemplate") RabbitStreamTemplate template,
			StreamPublisher publisher, DeliveryLog deliveryLog, StreamsProperties properties) {
		this.environment = environment;
		this.template = template;
		this.publisher = publisher;
		this.deliveryLog = deliveryLog;
		this.properties = properties;
	}

	Run run(int messages) {
		return this.runs.run(() -> {
			String runId = UUID.randomUUID().toString();
			logger.info("Publishing {} messages", messages);
			this.publisher.publishAll(this.template, IntStream.range(0, messages)
				.mapToObj((i) -> StreamPublisher.message((i == messages - 1) ? MARKER : "hello", runId + "-" + i, null))
				.toList(), this.properties.readTimeout(), "amqp-patterns.streams.read-timeout");
			logger.info("Messages confirmed: true.");
			return consumeUntilMarker(messages);
		});
	}

	private Run consumeUntilMarker(int published) {
		String stream = StreamsTopology.OFFSET_TRACKING;
		AtomicLong firstOffset = new AtomicLong(-1);
		AtomicLong lastOffset = new AtomicLong(-1);
		AtomicLong read = new AtomicLong();
		CountDownLatch marker = new CountDownLatch(1);
		Consumer consumer = this.environment.consumerBuilder()
			.stream(stream)
			.offset(OffsetSpecification.first())
			.name(CONSUMER)
			.manualTrackingStrategy()
			.builder()
			.messageHandler((context, message) -> {
				if (marker.getCount() == 0) {
					return; // past the marker before the consumer closed: the next run's
				}
				if (firstOffset.compareAndSet(-1, context.offset())) {
					logger.info("First message received.");
				}
				String body = StreamPublisher.body(message);
				this.deliveryLog.recordFromStream(MessagingPattern.STREAMS, CONSUMER, stream,
						StreamPublisher.messageId(message), body, context.offset());
				if (read.incrementAndGet() % STORE_EVERY == 0) {
					context.storeOffset();
				}
				if (MARKER.equals(body)) {
					lastOffset.set(context.offset());
					context.storeOffset();
					marker.countDown();
				}
			})
			.build();
		logger.info("Started consuming...");
		try {
			if (!marker.await(this.properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				throw StreamsAvailability.unavailable("No '" + MARKER + "' on stream '" + stream + "' within "
						+ this.properties.readTimeout().toMillis() + " ms (amqp-patterns.streams.read-timeout); read "
						+ read.get() + " messages, from offset " + firstOffset.get());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw StreamsAvailability.unavailable("Interrupted while reading stream '" + stream + "'");
		}
		finally {
			consumer.close();
		}
		logger.info("Done consuming, first offset {}, last offset {}.", firstOffset.get(), lastOffset.get());
		return new Run(stream, CONSUMER, published, read.get(), firstOffset.get(), lastOffset.get());
	}

	/**
	 * What a run did: the consumer read {@code read} messages, from {@code firstOffset} (after the
	 * offset it had stored) to the marker at {@code lastOffset}, now stored.
	 */
	record Run(String stream, String consumer, int published, long read, long firstOffset, long lastOffset) {
	}

}
