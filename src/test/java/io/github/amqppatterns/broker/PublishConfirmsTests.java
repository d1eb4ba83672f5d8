package io.github.amqppatterns.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static io.github.amqppatterns.broker.Protocol.AMQP_0_9_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@code 202} means the broker confirmed the message; a message that must reach a queue and
 * reaches none is refused (a 503 over HTTP, see {@code ApiExceptionHandler}). Concurrent senders
 * each get their own message's confirm.
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
			Published published = this.publisher.toQueue(AMQP_0_9_1, queue, "lost", MessageDeliveryMode.PERSISTENT);
			assertThat(published.confirmed()).isTrue();
			assertThat(published.routed()).isNull();
		}
		else {
			assertThatExceptionOfType(PublishFailedException.class)
				.isThrownBy(() -> this.publisher.toQueue(AMQP_0_9_1, queue, "lost", MessageDeliveryMode.PERSISTENT))
				.withMessageContaining("No queue '" + queue + "' to take the message");
		}
	}

	@Test
	void confirmsEachOfManyConcurrentMessagesToItsOwnSender() throws Exception {
		String marker = marker();
		List<Callable<Published>> sends = IntStream.range(0, 400)
			.mapToObj((i) -> (Callable<Published>) () -> this.publisher.toQueue(AMQP_0_9_1, "hello", i + " " + marker,
					MessageDeliveryMode.PERSISTENT))
			.toList();
		List<Published> published = new ArrayList<>();
		ExecutorService senders = Executors.newFixedThreadPool(32);
		try {
			for (Future<Published> future : senders.invokeAll(sends)) {
				published.add(future.get());
			}
		}
		finally {
			senders.shutdownNow();
		}

		assertThat(published).allSatisfy((message) -> assertThat(message.confirmed()).isTrue())
			.extracting(Published::messageId)
			.doesNotHaveDuplicates();
		List<String> received = eventually().until(() -> this.client.deliveries(MessagingPattern.HELLO, marker),
				(deliveries) -> deliveries.size() >= 400)
			.stream()
			.map(Delivery::messageId)
			.toList();
		assertThat(received).containsExactlyInAnyOrderElementsOf(published.stream().map(Published::messageId).toList());
	}

	@Test
	void failsAMessageWhoseChannelTheBrokerClosesAndSendsTheNextOnANewOne() {
		String exchange = "no-such-exchange-" + UUID.randomUUID();
		// the broker closes the channel (404, no exchange): Spring nacks the message in flight on it
		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(
					() -> this.publisher.toExchange(AMQP_0_9_1, exchange, "", "lost", MessageDeliveryMode.PERSISTENT))
			.withMessageContaining("closed the channel before it confirmed the message");

		Published next = this.publisher.toQueue(AMQP_0_9_1, "hello", "next " + marker(),
				MessageDeliveryMode.PERSISTENT);
		assertThat(next.confirmed()).isTrue();
	}

}
