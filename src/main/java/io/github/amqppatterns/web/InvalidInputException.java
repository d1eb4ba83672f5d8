package io.github.amqppatterns.web;

import org.springframework.http.HttpStatus;

/** A request value the API does not accept: a 400 that names it and says what is allowed. */
public class InvalidInputException extends ApiException {

	/** @param input the value's name: a path variable, parameter or body field */
	public InvalidInputException(String input, String detail) {
		super(HttpStatus.BAD_REQUEST, "Invalid input", detail);
		getBody().setProperty("input", input);
	}

}
