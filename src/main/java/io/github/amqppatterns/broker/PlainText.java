package io.github.amqppatterns.broker;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageProperties;

/**
 * The tutorials' wire format: a message body is text, UTF-8 unless the message says otherwise.
 */
public final class PlainText {

	/** Longest body shown in a log line; the rest is cut and marked. */
	public static final int LOG_PREVIEW_CHARS = 200;

	private PlainText() {
	}

	/** A plain-text message to build on: the text as UTF-8, {@code text/plain}, encoding UTF-8. */
	public static MessageBuilderSupport<Message> message(String text) {
		return message(text, new MessageProperties());
	}

	/** The same, written into {@code properties} (the message keeps that instance). */
	static MessageBuilderSupport<Message> message(String text, MessageProperties properties) {
		return MessageBuilder.withBody(text.getBytes(StandardCharsets.UTF_8))
			.andProperties(properties)
			.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN)
			.setContentEncoding(StandardCharsets.UTF_8.name());
	}

	/** The body of a message as text, decoded with its content encoding (UTF-8 when absent). */
	public static String of(Message message) {
		return new String(message.getBody(), charsetOf(message.getMessageProperties().getContentEncoding()));
	}

	/**
	 * A body as it may safely appear in a log line: control characters escaped (no forged log
	 * lines), cut at {@value #LOG_PREVIEW_CHARS} characters. It runs for every message a listener
	 * logs, so a body with nothing to escape is returned as it is, and the escapes are written by
	 * hand rather than with {@code String.format} (which took a sixth of a fanout subscriber's time
	 * when bodies were binary).
	 */
	public static String preview(String text) {
		String cut = cut(text, LOG_PREVIEW_CHARS);
		int first = 0;
		while (first < cut.length() && !Character.isISOControl(cut.charAt(first))) {
			first++;
		}
		if (first == cut.length()) {
			return cut;
		}
		StringBuilder escaped = new StringBuilder(cut.length() + 16).append(cut, 0, first);
		for (int i = first; i < cut.length(); i++) {
			char c = cut.charAt(i);
			switch (c) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (Character.isISOControl(c)) { // U+0000–U+001F and U+007F–U+009F: two hex digits
						escaped.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/**
	 * {@code text} cut to at most {@code maxChars} characters, and marked with {@code …} where it
	 * was: every body the service shows (a log line, an API answer, the live page) is bounded so. A
	 * cut never splits a surrogate pair (an emoji, say), which would leave half a character.
	 */
	public static String cut(String text, int maxChars) {
		if (text.length() <= maxChars) {
			return text;
		}
		int end = (maxChars > 0 && Character.isHighSurrogate(text.charAt(maxChars - 1))) ? maxChars - 1 : maxChars;
		return text.substring(0, end) + "…";
	}

	private static Charset charsetOf(@Nullable String encoding) {
		if (encoding == null || encoding.isBlank()) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(encoding.trim());
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			return StandardCharsets.UTF_8;
		}
	}

}
