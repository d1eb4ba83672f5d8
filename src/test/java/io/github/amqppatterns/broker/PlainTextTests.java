package io.github.amqppatterns.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTests {

	@Test
	void escapesControlCharactersSoABodyCannotForgeLogLines() {
		assertThat(PlainText.preview("a\nINFO forged\r\tb\u0007")).isEqualTo("a\\nINFO forged\\r\\tb\\u0007");
	}

	@Test
	void cutsLongBodies() {
		assertThat(PlainText.preview("x".repeat(500))).hasSize(PlainText.LOG_PREVIEW_CHARS + 1).endsWith("…");
	}

}
