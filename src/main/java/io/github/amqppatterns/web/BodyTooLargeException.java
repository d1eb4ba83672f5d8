package io.github.amqppatterns.web;

import org.springframework.http.HttpStatus;

/**
 * A request body over {@code amqp-patterns.max-body-size}: a 413. Unchecked so that it passes
 * through the message converters that read the body unchanged.
 */
class BodyTooLargeException extends ApiException {

	BodyTooLargeException(long maxBytes) {
		super(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
				"Request body is larger than the limit of " + maxBytes + " bytes (amqp-patterns.max-body-size)");
		getBody().setProperty("maxBytes", maxBytes);
	}

}
