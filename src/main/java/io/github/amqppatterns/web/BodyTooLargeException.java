package io.github.amqppatterns.web;

/**
 * A request body over {@code amqp-patterns.max-body-size}; answered with a 413. Unchecked so that
 * it passes through the message converters that read the body unchanged.
 */
class BodyTooLargeException extends RuntimeException {

	private final long maxBytes;

	BodyTooLargeException(long maxBytes) {
		super("Request body is larger than the limit of " + maxBytes + " bytes (amqp-patterns.max-body-size)");
		this.maxBytes = maxBytes;
	}

	long getMaxBytes() {
		return this.maxBytes;
	}

}
