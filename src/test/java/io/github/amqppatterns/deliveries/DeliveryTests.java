package io.github.amqppatterns.deliveries;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryTests {

	@Test
	void readsTheTraceIdOfW3cTraceContext() {
		assertThat(withHeaders(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
			.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void readsTheTraceIdOfBravesSingleB3Header() {
		assertThat(withHeaders(Map.of("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")).traceId())
			.isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
	}

	@Test
	void hasNoTraceIdWithoutTracingHeaders() {
		assertThat(withHeaders(Map.of("format", "pdf")).traceId()).isNull();
		assertThat(withHeaders(Map.of("traceparent", "garbled")).traceId()).isNull();
	}

	private static Delivery withHeaders(Map<String, String> headers) {
		return new Delivery(1, MessagingPattern.HELLO, "amqp-0-9-1", "hello-receiver", "hello", "", "hello", "m1",
				"text/plain", headers, "Hello World!", false, Instant.now(), null, 1, null, null, null);
	}

}
