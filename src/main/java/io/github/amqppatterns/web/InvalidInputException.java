package io.github.amqppatterns.web;

import org.springframework.http.HttpStatus;

/**
 * A request value the API does not accept: a 400 that names the value ({@code input}) and says
 * what is allowed.
 */
public class InvalidInputException extends ApiException {

	/**
	 * @param input the name of the invalid value (a path variable, parameter or body field)
	 * @param detail what was wrong and what is allowed, shown to the client as is
	 */
	public InvalidInputException(String input, String detail) {
		super(HttpStatus.BAD_REQUEST, "Invalid input", detail);
		getBody().setProperty("input", input);
	}

}
