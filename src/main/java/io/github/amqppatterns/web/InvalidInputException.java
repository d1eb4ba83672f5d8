package io.github.amqppatterns.web;

/**
 * A request value the API does not accept; answered with a 400 that names the value and says
 * what is allowed.
 */
public class InvalidInputException extends RuntimeException {

	private final String input;

	/**
	 * @param input the name of the invalid value (a path variable, parameter or body field)
	 * @param detail what was wrong and what is allowed, shown to the client as is
	 */
	public InvalidInputException(String input, String detail) {
		super(detail);
		this.input = input;
	}

	public String getInput() {
		return this.input;
	}

}
