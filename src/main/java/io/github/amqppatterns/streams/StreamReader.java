package io.github.amqppatterns.streams;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.web.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads a slice of a stream again, from any starting point, which no queue can do. An unnamed
 * consumer, built for the read and closed after it: it stores no offset, so tutorial 2's named
 * consumer resumes where it was. A read ends at {@code limit} messages, at the stream's end (no
 * message for {@value #IDLE_MILLIS} ms), or after {@code amqp-patterns.streams.read-timeout}.
 */
@Component
class StreamReader {

	static final String STARTING_POINTS = "first, last, next, offset:N (N from 0), timestamp:ISO-8601 instant";

	static final long IDLE_MILLIS = 500;

	/** Longest body a read shows; the rest is cut and marked. */
	static final int BODY_CHARS = 1000;

	private final Environment environment;

	private final Duration timeout;

	StreamReader(Environment environment, StreamsProperties properties) {
		this.environment = environment;
		this.timeout = properties.readTimeout();
	}

	Slice read(String stream, String from, OffsetSpecification start, int limit) {
		BlockingQueue<Read> arrivals = new ArrayBlockingQueue<>(limit);
		Consumer consumer = this.environment.consumerBuilder()
			.stream(stream)
			.offset(start)
			.messageHandler((context, message) -> arrivals.offer(new Read(context.offset(),
					Instant.ofEpochMilli(context.timestamp()), StreamPublisher.messageId(message),
					PlainText.cut(StreamPublisher.body(message), BODY_CHARS))))
			.build();
		List<Read> slice = new ArrayList<>(limit);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			Read next;
			do {
				long wait = deadline - System.nanoTime();
				wait = slice.isEmpty() ? wait : Math.min(wait, TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
				next = (wait > 0) ? arrivals.poll(wait, TimeUnit.NANOSECONDS) : null;
				if (next != null) {
					slice.add(next);
				}
			}
			while (next != null && slice.size() < limit);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			consumer.close();
		}
		return new Slice(stream, from, slice);
	}

	/**
	 * Where a read starts, as the offset tracking tutorial lists them: {@code first}, {@code last}
	 * (the last chunk written), {@code next} (what comes after now), {@code offset:N}, or
	 * {@code timestamp:2026-12-03T10:15:30Z} (the first chunk written at or after then).
	 */
	static OffsetSpecification startingPoint(String text) {
		try {
			return switch (text) {
				case "first" -> OffsetSpecification.first();
				case "last" -> OffsetSpecification.last();
				case "next" -> OffsetSpecification.next();
				default -> {
					if (text.startsWith("offset:") && Long.parseLong(text.substring("offset:".length())) >= 0) {
						yield OffsetSpecification.offset(Long.parseLong(text.substring("offset:".length())));
					}
					if (text.startsWith("timestamp:")) {
						yield OffsetSpecification.timestamp(Instant.parse(text.substring("timestamp:".length())).toEpochMilli());
					}
					throw new IllegalArgumentException(text);
				}
			};
		}
		catch (IllegalArgumentException | DateTimeParseException ex) { // NumberFormatException is one
			throw new InvalidInputException("from", "Unknown starting point '" + text + "'; allowed: " + STARTING_POINTS);
		}
	}

	record Slice(String stream, String from, List<Read> messages) {
	}

	/** A message read again; {@code writtenAt}: when the broker wrote its chunk. */
	record Read(long offset, Instant writtenAt, @Nullable String messageId, String body) {
	}

}
