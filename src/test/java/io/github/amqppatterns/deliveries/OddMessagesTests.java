package io.github.amqppatterns.deliveries;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.PlainClient;
import io.github.amqppatterns.TutorialClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import static io.github.amqppatterns.TutorialClient.eventually;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * No listener loops on a message it cannot make sense of: a body that is not UTF-8, a content type
 * that claims a serialized Java object, an unknown encoding, unknown headers, no {@code reply_to}.
 * Each consumer takes it exactly once (an acknowledgement or a drop, with a log line), and it never
 * comes back.
 */
@IntegrationTest
class OddMessagesTests {

	private static final byte[] NOT_UTF8 = { 'o', 'd', 'd', ' ', (byte) 0xff, (byte) 0xfe, (byte) 0xc0 };

	@Autowired
	TutorialClient client;

	@Autowired
	RabbitConnectionDetails connectionDetails;

	static Stream<Arguments> queues() {
		return Stream.of(arguments(MessagingPattern.HELLO, "", "hello", Map.of(), 1),
				arguments(MessagingPattern.WORK_QUEUES, "", "task_queue", Map.of(), 1),
				arguments(MessagingPattern.PUBSUB, "logs", "", Map.of(), 2),
				arguments(MessagingPattern.ROUTING, "direct_logs", "error", Map.of(), 2),
				arguments(MessagingPattern.TOPICS, "topic_logs", "quick.orange.rabbit", Map.of(), 2),
				arguments(MessagingPattern.HEADERS, "headers_logs", "", Map.of("format", "pdf", "type", "report"), 2),
				arguments(MessagingPattern.RPC, "", "rpc_queue", Map.of(), 1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("queues")
	void takesAnOddMessageOnceOnEveryConsumer(MessagingPattern pattern, String exchange, String routingKey,
			Map<String, Object> headers, int consumers) throws Exception {
		String messageId = UUID.randomUUID().toString();
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection();
				Channel channel = connection.createChannel()) {
			Map<String, Object> odd = new HashMap<>(headers);
			odd.put("x-unknown", Map.of("nested", 42));
			odd.put("__TypeId__", "java.util.ArrayList");
			channel.basicPublish(exchange, routingKey,
					new AMQP.BasicProperties.Builder().messageId(messageId)
						.contentType("application/x-java-serialized-object")
						.contentEncoding("no-such-charset")
						.headers(odd)
						.deliveryMode(2)
						.build(),
					NOT_UTF8);
		}

		eventually().until(() -> deliveries(pattern, messageId) == consumers);
		Awaitility.await()
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> deliveries(pattern, messageId) == consumers);
	}

	private long deliveries(MessagingPattern pattern, String messageId) {
		return this.client.deliveries(pattern, (delivery) -> messageId.equals(delivery.messageId())).size();
	}

}
