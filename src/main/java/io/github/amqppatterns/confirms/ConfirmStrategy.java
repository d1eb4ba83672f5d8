package io.github.amqppatterns.confirms;

import java.util.Locale;

import io.github.amqppatterns.web.EnumIds;

/** Tutorial 7's ways of waiting for publisher confirms. */
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
		return EnumIds.parse(ConfirmStrategy.class, ConfirmStrategy::id, "strategy", id);
	}

}
