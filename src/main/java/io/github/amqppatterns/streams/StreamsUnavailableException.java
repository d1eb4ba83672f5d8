package io.github.amqppatterns.streams;

/** The stream protocol cannot be used here: the message says why, and what is needed. */
class StreamsUnavailableException extends RuntimeException {

	StreamsUnavailableException(String reason) {
		super(reason);
	}

}
