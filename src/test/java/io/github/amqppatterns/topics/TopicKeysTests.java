package io.github.amqppatterns.topics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TopicKeysTests {

	@ParameterizedTest
	@ValueSource(strings = { "orange", "quick.orange.rabbit", "kern.critical", "a-b_c.d", "émile.zola" })
	void acceptsDotSeparatedWordsToPublishWith(String key) {
		assertThat(TopicKeys.publishKeyProblem(key)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ".", "a..b", ".a", "a.", "lazy.#", "*.orange.*", "a*b" })
	void rejectsEmptyWordsAndWildcardsInPublishKeys(String key) {
		assertThat(TopicKeys.publishKeyProblem(key)).isPresent();
	}

	@Test
	void countsTheLimitInBytesOfUtf8() {
		assertThat(TopicKeys.publishKeyProblem("a".repeat(255))).isEmpty();
		assertThat(TopicKeys.publishKeyProblem("a".repeat(256))).isPresent();
		// 128 × 'é' is 128 characters but 256 bytes
		assertThat(TopicKeys.publishKeyProblem("é".repeat(128))).get().asString().contains("is 256");
	}

	@ParameterizedTest
	@ValueSource(strings = { "#", "*", "*.orange.*", "lazy.#", "*.*.rabbit", "kern.*" })
	void acceptsWildcardsAsWholeWordsInBindingKeys(String key) {
		assertThat(TopicKeys.bindingKeyProblem(key)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "lazy#", "a.*b", "a..#" })
	void rejectsWildcardsInsideWordsAndEmptyWordsInBindingKeys(String key) {
		assertThat(TopicKeys.bindingKeyProblem(key)).isPresent();
	}

}
