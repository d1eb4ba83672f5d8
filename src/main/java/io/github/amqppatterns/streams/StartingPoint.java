package io.github.amqppatterns.streams;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.rabbitmq.stream.OffsetSpecification;
import io.github.amqppatterns.web.InvalidInputException;

/**
 * Where a read of a stream starts, as the offset tracking tutorial lists them: {@code first},
 * {@code last} (the last chunk written), {@code next} (only what comes after now), {@code offset:N},
 * or {@code timestamp:2026-12-03T10:15:30Z} (the first chunk written at or after that time).
 *
 * @param text as given
 * @param specification as the stream client takes it
 */
record StartingPoint(String text, OffsetSpecification specification) {

	static final String ALLOWED = "first, last, next, offset:N (N from 0), timestamp:ISO-8601 instant";

	static StartingPoint parse(String text) {
		return new StartingPoint(text, switch (text) {
			case "first" -> OffsetSpecification.first();
			case "last" -> OffsetSpecification.last();
			case "next" -> OffsetSpecification.next();
			default -> {
				if (text.startsWith("offset:")) {
					yield OffsetSpecification.offset(offset(text.substring("offset:".length()), text));
				}
				if (text.startsWith("timestamp:")) {
					yield OffsetSpecification.timestamp(timestamp(text.substring("timestamp:".length()), text));
				}
				throw invalid(text);
			}
		});
	}

	private static long offset(String number, String text) {
		try {
			long offset = Long.parseLong(number);
			if (offset >= 0) {
				return offset;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw invalid(text);
	}

	private static long timestamp(String instant, String text) {
		try {
			return Instant.parse(instant).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			throw invalid(text);
		}
	}

	private static InvalidInputException invalid(String text) {
		return new InvalidInputException("from", "Unknown starting point '" + text + "'; allowed: " + ALLOWED);
	}

}
