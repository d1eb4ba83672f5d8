package io.github.amqppatterns.headers;

import java.util.Map;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;

import static io.github.amqppatterns.TutorialClient.marker;
import static io.github.amqppatterns.headers.HeadersListener.MATCH_ALL;
import static io.github.amqppatterns.headers.HeadersListener.MATCH_ANY;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class HeadersTests {

	@Autowired
	TutorialClient client;

	static Object[][] table() {
		return new Object[][] { { Map.of("format", "pdf", "type", "report"), new String[] { MATCH_ALL, MATCH_ANY } },
				{ Map.of("format", "pdf", "type", "report", "lang", "en"), new String[] { MATCH_ALL, MATCH_ANY } },
				{ Map.of("format", "pdf", "type", "log"), new String[] { MATCH_ANY } },
				{ Map.of("format", "pdf"), new String[] { MATCH_ANY } },
				{ Map.of("type", "log"), new String[] { MATCH_ANY } },
				{ Map.of("format", "zip", "type", "log"), new String[] { MATCH_ANY } },
				{ Map.of("type", "report"), new String[] {} },
				{ Map.of("format", "zip", "type", "report"), new String[] {} },
				{ Map.of("FORMAT", "pdf"), new String[] {} } };
	}

	@ParameterizedTest
	@MethodSource("table")
	void routesOnAllOrAnyOfTheBoundHeaders(Map<String, String> headers, String[] receivers) {
		Published published = this.client.postJson("/api/headers",
				Map.of("headers", headers, "message", "report " + marker()));

		assertThat(published.exchange()).isEqualTo("headers_logs");
		this.client.awaitReceivers(MessagingPattern.HEADERS, published, receivers);
	}

}
