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

/** The tutorials' wire format: a body is text, UTF-8 unless the message says otherwise. */
public final class PlainText {

	public static final int LOG_PREVIEW_CHARS = 200;

	private PlainText() {
	}

	public static MessageBuilderSupport<Message> message(String text) {
		return message(text, new MessageProperties());
	}

	/** Written into {@code properties}, which the message keeps. */
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
	 * A body as it may safely appear in a log line: cut, control characters escaped (no forged
	 * lines). It runs for every message logged, so it copies only when it must, and escapes by hand
	 * ({@code String.format} took a sixth of a fanout subscriber's time on binary bodies).
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
			if (!Character.isISOControl(c)) {
				escaped.append(c);
			}
			else if (c == '\n' || c == '\r' || c == '\t') {
				escaped.append('\\').append((c == '\n') ? 'n' : (c == '\r') ? 'r' : 't');
			}
			else { // U+0000–U+001F and U+007F–U+009F: two hex digits
				escaped.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
			}
		}
		return escaped.toString();
	}

	/**
	 * {@code text} cut to at most {@code maxChars} characters and marked with {@code …}, never
	 * inside a surrogate pair (an emoji, say), which would leave half a character.
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
