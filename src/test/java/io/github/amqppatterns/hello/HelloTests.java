package io.github.amqppatterns.hello;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.PlainClient;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@IntegrationTest
class HelloTests {

	@Autowired
	TutorialClient client;

	@Autowired
	RabbitConnectionDetails connectionDetails;

	@Autowired
	BrokerInUse broker;

	@Test
	void deliversAPostedMessageToTheHelloReceiver() {
		String text = "Hello " + marker();
		Published published = this.client.postText("/api/hello", text);

		assertThat(published.exchange()).isEmpty();
		assertThat(published.routingKey()).isEqualTo("hello");
		this.client.awaitReceivers(MessagingPattern.HELLO, published, HelloListener.CONSUMER);
		Delivery delivery = this.client.deliveries(MessagingPattern.HELLO, text).get(0);
		assertThat(delivery.queue()).isEqualTo("hello");
		assertThat(delivery.body()).isEqualTo(text);
		assertThat(delivery.redelivered()).isFalse();
	}

	@Test
	void sendsHelloWorldWhenTheBodyIsEmpty() {
		Published published = this.client.postNothing("/api/hello");

		this.client.awaitReceivers(MessagingPattern.HELLO, published, HelloListener.CONSUMER);
		assertThat(this.client.deliveries(MessagingPattern.HELLO,
				(delivery) -> published.messageId().equals(delivery.messageId())))
			.extracting(Delivery::body)
			.containsExactly("Hello World!");
	}

	@Test
	void receivesWhatAPlainTutorialProducerSends() throws Exception {
		String text = "from a plain client " + marker();
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection();
				Channel channel = connection.createChannel()) {
			// Send.java's declaration: the same queue, so no PRECONDITION_FAILED
			channel.queueDeclare("hello", true, false, false, PlainClient.namedQueueArguments(this.broker));
			channel.basicPublish("", "hello", null, text.getBytes(StandardCharsets.UTF_8));
		}

		eventually().untilAsserted(() -> assertThat(this.client.deliveries(MessagingPattern.HELLO, text))
			.extracting(Delivery::consumer, Delivery::body)
			.containsExactly(tuple(HelloListener.CONSUMER, text)));
	}

}
