package io.github.amqppatterns.broker;

import java.util.UUID;

import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;

import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code 202} means the broker confirmed the message; a message that must reach a queue and
 * reaches none is refused (a 503 over HTTP, see {@code ApiExceptionHandler}).
 */
@IntegrationTest
class PublishConfirmsTests {

	@Autowired
	TutorialClient client;

	@Autowired
	TextPublisher publisher;

	@Test
	void answers202OnlyOnceTheBrokerConfirmed() {
		Published published = this.client.postText("/api/hello", "confirmed " + marker());

		assertThat(published.confirmed()).isTrue();
		assertThat(published.routed()).isEqualTo(BrokerUnderTest.isEmbedded() ? null : Boolean.TRUE);
		this.client.awaitReceivers(MessagingPattern.HELLO, published, "hello-receiver");
	}

	@Test
	void refusesAMessageForAQueueThatDoesNotExist() {
		String queue = "no-such-queue-" + UUID.randomUUID();
		if (BrokerUnderTest.isEmbedded()) {
			// the embedded broker reports no unroutable message: confirmed, routing unknown
			Published published = this.publisher.toQueue(queue, "lost", MessageDeliveryMode.PERSISTENT);
			assertThat(published.confirmed()).isTrue();
			assertThat(published.routed()).isNull();
		}
		else {
			assertThatExceptionOfType(PublishFailedException.class)
				.isThrownBy(() -> this.publisher.toQueue(queue, "lost", MessageDeliveryMode.PERSISTENT))
				.withMessageContaining("No queue '" + queue + "' to take the message");
		}
	}

}
