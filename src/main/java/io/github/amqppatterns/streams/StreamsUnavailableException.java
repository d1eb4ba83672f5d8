package io.github.amqppatterns.streams;

import io.github.amqppatterns.web.ApiException;

import org.springframework.http.HttpStatus;

/** The stream protocol cannot be used here: a 503 that says why, and what is needed. */
class StreamsUnavailableException extends ApiException {

	StreamsUnavailableException(String reason) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Streams unavailable", reason);
	}

}
