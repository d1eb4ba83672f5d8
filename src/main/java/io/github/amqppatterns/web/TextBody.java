package io.github.amqppatterns.web;

/**
 * A plain-text request body, the tutorials' message form: {@code curl -H 'Content-Type: text/plain'
 * --data-binary 'Hello World!'}. Declared as a handler parameter; {@link TextBodyArgumentResolver}
 * reads it.
 *
 * @param text the body, decoded strictly with the request's charset (UTF-8 unless given); empty
 * when the request has no body
 */
public record TextBody(String text) {

	/** The body, or {@code defaultText} when the request had none (as the tutorials' senders do). */
	public String orElse(String defaultText) {
		return this.text.isEmpty() ? defaultText : this.text;
	}

}
