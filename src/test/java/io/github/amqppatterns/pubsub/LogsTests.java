package io.github.amqppatterns.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.PlainClient;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static io.github.amqppatterns.pubsub.LogsListener.SUBSCRIBER_1;
import static io.github.amqppatterns.pubsub.LogsListener.SUBSCRIBER_2;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LogsTests {

	@Autowired
	TutorialClient client;

	@Autowired
	RabbitConnectionDetails connectionDetails;

	@Test
	void deliversEveryMessageToEverySubscriber() {
		String marker = marker();
		List<Published> published = List.of(this.client.postText("/api/logs", "info: one " + marker),
				this.client.postText("/api/logs", "warning: two " + marker),
				this.client.postText("/api/logs", "error: three " + marker));

		published.forEach((message) -> this.client.awaitReceivers(MessagingPattern.PUBSUB, message, SUBSCRIBER_1,
				SUBSCRIBER_2));
		List<Delivery> deliveries = this.client.deliveries(MessagingPattern.PUBSUB, marker);
		assertThat(deliveries).allSatisfy((delivery) -> {
			assertThat(delivery.exchange()).isEqualTo("logs");
			// server-named: amq.gen-… on RabbitMQ, tmp_… on the embedded broker
			assertThat(delivery.queue()).startsWith(BrokerUnderTest.isEmbedded() ? "tmp_" : "amq.gen-");
		});
		assertThat(deliveries.stream().map(Delivery::queue).distinct()).hasSize(2);
	}

	@Test
	void reachesAPlainTutorialSubscriberAsPlainTextWithOnlyTheTemplatesReturnCorrelationHeaders() throws Exception {
		String text = "info: to every subscriber " + marker();
		List<com.rabbitmq.client.Delivery> received = new CopyOnWriteArrayList<>();
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection();
				Channel channel = connection.createChannel()) {
			// ReceiveLogs.java's declarations: the same exchange, so no PRECONDITION_FAILED
			channel.exchangeDeclare("logs", "fanout");
			String queue = channel.queueDeclare().getQueue();
			channel.queueBind(queue, "logs", "");
			channel.basicConsume(queue, true, (tag, delivery) -> received.add(delivery), (tag) -> {
			});

			Published published = this.client.postText("/api/logs", text);

			com.rabbitmq.client.Delivery delivery = eventually().until(() -> received.stream()
				.filter((candidate) -> published.messageId().equals(candidate.getProperties().getMessageId()))
				.findFirst(), Optional::isPresent)
				.orElseThrow();
			assertThat(new String(delivery.getBody(), StandardCharsets.UTF_8)).isEqualTo(text);
			assertThat(delivery.getProperties().getContentType()).isEqualTo("text/plain");
			// RabbitTemplate's headers to match a return to its send, which a tutorial client ignores
			Map<String, String> headers = new HashMap<>();
			Optional.ofNullable(delivery.getProperties().getHeaders())
				.ifPresent((all) -> all.forEach((name, value) -> headers.put(name, String.valueOf(value))));
			assertThat(headers).containsOnlyKeys(BrokerUnderTest.isEmbedded() ? Set.of("spring_returned_message_correlation")
						: Set.of("spring_listener_return_correlation", "spring_returned_message_correlation"))
				.containsEntry("spring_returned_message_correlation", published.messageId());
		}
	}

}
