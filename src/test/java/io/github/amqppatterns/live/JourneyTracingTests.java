package io.github.amqppatterns.live;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With tracing on as docs/configuration.md says (Micrometer Tracing's Brave bridge on the classpath,
 * every trace sampled), Spring AMQP's observation puts the trace context in the message's headers,
 * and the journey shows its trace id. Its own application context, closed after it: the other
 * tests run untraced.
 */
@IntegrationTest
@AutoConfigureTracing
@TestPropertySource(properties = "management.tracing.sampling.probability=1.0")
@DirtiesContext // closed after this class: its receivers would compete with the shared context's for the queues
class JourneyTracingTests {

	@Autowired
	TutorialClient client;

	@Test
	void showsTheTraceIdThatTheMessageCarried() {
		// to every subscriber: the shared context's receivers run on the same broker, and would take
		// their turn of a queue's messages
		String text = "traced " + marker();
		Published published = this.client.postText("/api/logs", text);

		Delivery delivery = eventually().until(() -> this.client.deliveries(MessagingPattern.PUBSUB, text),
				(found) -> found.size() == 2)
			.get(0);
		String traceparent = delivery.headers().get("traceparent");
		assertThat(traceparent).as("W3C trace context, Boot's default propagation")
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

		Journey journey = eventually().until(
				() -> this.client.get("/api/messages/{id}", Journey.class, published.messageId()),
				(told) -> "delivered".equals(told.outcome()));
		assertThat(journey.traceId()).isEqualTo(traceparent.split("-")[1]);
	}

}
