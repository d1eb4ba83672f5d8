package io.github.amqppatterns.confirms;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.amqppatterns.web.InvalidInputException;

/**
 * Tutorial 7's ways of waiting for publisher confirms.
 */
enum ConfirmStrategy {

	/** Publish a message, wait for its confirm, publish the next: simple, slow. */
	INDIVIDUAL,

	/** Publish a batch, wait for all its confirms: faster, but a nack does not say which message. */
	BATCH,

	/** Publish everything, handle each ack or nack as it comes: fastest, most code. */
	ASYNC;

	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ConfirmStrategy fromId(String id) {
		return Arrays.stream(values())
			.filter((strategy) -> strategy.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("strategy", "Unknown strategy '" + id + "'; allowed: "
					+ Arrays.stream(values()).map(ConfirmStrategy::id).collect(Collectors.joining(", "))));
	}

}
