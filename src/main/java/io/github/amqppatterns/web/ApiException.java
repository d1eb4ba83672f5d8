package io.github.amqppatterns.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A failure answered with its own status as {@code application/problem+json}. Its message, for
 * logs, is the detail without what the client is told to do about it.
 */
public class ApiException extends ErrorResponseException {

	private final String message;

	public ApiException(HttpStatus status, String title, String message) {
		this(status, title, message, message);
	}

	public ApiException(HttpStatus status, String title, String message, String detail) {
		super(status);
		this.message = message;
		setTitle(title);
		setDetail(detail);
	}

	@Override
	public String getMessage() {
		return this.message;
	}

}
