package io.github.amqppatterns.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import io.github.amqppatterns.broker.PlainText;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads a bounded slice of a stream again, from any starting point: what no queue can do, since a
 * stream keeps its messages after they are read. An unnamed consumer of the stream client, built
 * for the read and closed after it: unnamed, it stores no offset, so tutorial 2's named consumer
 * resumes where it was.
 */
@Component
class StreamReader {

	/** After the first message, a read ends when no other came for this long: the stream's end. */
	private static final Duration IDLE = Duration.ofMillis(500);

	/** Longest body a read shows; the rest is cut and marked. */
	static final int BODY_CHARS = 1000;

	private final Environment environment;

	private final StreamStarter starter;

	private final Duration timeout;

	StreamReader(Environment environment, StreamStarter starter, StreamsProperties properties) {
		this.environment = environment;
		this.starter = starter;
		this.timeout = properties.readTimeout();
	}

	/**
	 * At most {@code limit} messages of {@code stream} from {@code from}: fewer when the stream ends
	 * (no message for half a second) or {@code amqp-patterns.streams.read-timeout} has passed.
	 */
	Slice read(String stream, StartingPoint from, int limit) {
		this.starter.requireStarted();
		BlockingQueue<Read> arrivals = new ArrayBlockingQueue<>(limit);
		Consumer consumer = this.environment.consumerBuilder()
			.stream(stream)
			.offset(from.specification())
			.messageHandler((context, message) -> arrivals.offer(new Read(context.offset(),
					Instant.ofEpochMilli(context.timestamp()), StreamText.messageId(message),
					PlainText.cut(StreamText.body(message), BODY_CHARS))))
			.build();
		List<Read> slice = new ArrayList<>(limit);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			while (slice.size() < limit) {
				long wait = deadline - System.nanoTime();
				if (!slice.isEmpty()) {
					wait = Math.min(wait, IDLE.toNanos());
				}
				Read next = (wait > 0) ? arrivals.poll(wait, TimeUnit.NANOSECONDS) : null;
				if (next == null) {
					break;
				}
				slice.add(next);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			consumer.close();
		}
		return new Slice(stream, from.text(), slice);
	}

	/**
	 * A read of a stream.
	 *
	 * @param stream the stream
	 * @param from where it started
	 * @param messages what it read, in offset order
	 */
	record Slice(String stream, String from, List<Read> messages) {
	}

	/**
	 * A message read from a stream.
	 *
	 * @param offset its offset
	 * @param writtenAt when the broker wrote its chunk
	 * @param messageId its {@code message_id}, if it has one
	 * @param body its body, cut at {@value StreamReader#BODY_CHARS} characters
	 */
	record Read(long offset, Instant writtenAt, @Nullable String messageId, String body) {
	}

}
