package io.github.amqppatterns.topics;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Topic routing keys: at most {@value #MAX_BYTES} bytes of UTF-8, non-empty words separated by
 * single dots. {@code *} (one word) and {@code #} (zero or more) are whole words of a binding key,
 * never part of a key to publish with.
 */
final class TopicKeys {

	static final int MAX_BYTES = 255;

	private TopicKeys() {
	}

	static Optional<String> publishKeyProblem(String key) {
		return problem(key, false);
	}

	static Optional<String> bindingKeyProblem(String key) {
		return problem(key, true);
	}

	private static Optional<String> problem(String key, boolean binding) {
		int bytes = key.getBytes(StandardCharsets.UTF_8).length;
		if (bytes == 0 || bytes > MAX_BYTES) {
			return Optional.of("A routing key is 1 to " + MAX_BYTES + " bytes of UTF-8; '" + key + "' is " + bytes);
		}
		for (String word : key.split("\\.", -1)) {
			if (word.isEmpty()) {
				return Optional.of("A routing key is words separated by single dots, with no empty word; '" + key
						+ "' has one (leading, trailing or double dot)");
			}
			boolean wildcard = word.indexOf('*') >= 0 || word.indexOf('#') >= 0;
			if (wildcard && !binding) {
				return Optional.of("'*' and '#' are wildcards for bindings, not part of a routing key to publish"
						+ " with; '" + key + "' has one");
			}
			if (wildcard && !word.equals("*") && !word.equals("#")) {
				return Optional.of("In a binding key, '*' and '#' stand alone as a whole word; '" + key
						+ "' has '" + word + "'");
			}
		}
		return Optional.empty();
	}

}
