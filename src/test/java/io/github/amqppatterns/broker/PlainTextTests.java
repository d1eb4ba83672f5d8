package io.github.amqppatterns.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTests {

	@Test
	void escapesControlCharactersSoABodyCannotForgeLogLines() {
		assertThat(PlainText.preview("a\nINFO forged\r\tb\u0007")).isEqualTo("a\\nINFO forged\\r\\tb\\u0007");
	}

	@Test
	void escapesEveryIsoControlCharacterWithItsCodeAndKeepsTheRest() {
		assertThat(PlainText.preview("\u0000\u001f\u007f\u0085\u009f")).isEqualTo("\\u0000\\u001f\\u007f\\u0085\\u009f");
		assertThat(PlainText.preview("é \uD83D\uDC07 \uFFFD")).isEqualTo("é \uD83D\uDC07 \uFFFD");
	}

	@Test
	void returnsAPlainBodyAsItIs() {
		String body = "A lazy pink rabbit";
		assertThat(PlainText.preview(body)).isSameAs(body);
	}

	@Test
	void cutsLongBodies() {
		assertThat(PlainText.preview("x".repeat(500))).hasSize(PlainText.LOG_PREVIEW_CHARS + 1).endsWith("…");
	}

	@Test
	void marksOnlyABodyItCut() {
		assertThat(PlainText.cut("0123456789", 10)).isEqualTo("0123456789");
		assertThat(PlainText.cut("0123456789", 4)).isEqualTo("0123…");
	}

	@Test
	void neverCutsACharacterInHalf() {
		assertThat(PlainText.cut("ab\uD83D\uDC07cd", 3)).isEqualTo("ab…");
		assertThat(PlainText.cut("ab\uD83D\uDC07cd", 4)).isEqualTo("ab\uD83D\uDC07…");
	}

}
