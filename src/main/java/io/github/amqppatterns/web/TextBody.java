package io.github.amqppatterns.web;

/**
 * A {@code text/plain} request body, the tutorials' message form, decoded strictly with the
 * request's charset (UTF-8 unless given); empty when there was none.
 */
public record TextBody(String text) {

	public String orElse(String defaultText) {
		return this.text.isEmpty() ? defaultText : this.text;
	}

}
