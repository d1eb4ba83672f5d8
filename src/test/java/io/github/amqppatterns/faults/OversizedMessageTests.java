package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.Arrays;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.github.amqppatterns.HttpUser;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What bounds a message body another client publishes: the broker's {@code max_message_size}
 * (16 MiB on the private node, as the README advises), with the service's own inbound limit no
 * lower, so that whatever the broker takes, the service can take.
 */
@FaultInjectionTest
class OversizedMessageTests {

	@LocalServerPort
	int port;

	@Autowired
	DeliveryLog deliveryLog;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Value("${spring.rabbitmq.max-inbound-message-body-size}")
	DataSize inboundLimit;

	@Test
	void takesNoLowerALimitThanTheBroker() {
		assertThat(this.inboundLimit.toBytes()).isGreaterThanOrEqualTo(PrivateRabbitNode.MAX_MESSAGE_SIZE);
	}

	@Test
	void theBrokerRefusesABodyOverItsLimitAndTheServiceGoesOn() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(PrivateRabbitNode.shared().host());
		factory.setPort(PrivateRabbitNode.shared().port());
		try (Connection connection = factory.newConnection()) {
			Channel channel = connection.createChannel();
			channel.confirmSelect();
			byte[] body = new byte[PrivateRabbitNode.MAX_MESSAGE_SIZE + 1];
			Arrays.fill(body, (byte) 'x');
			assertThatException().isThrownBy(() -> {
				channel.basicPublish("", "hello", new AMQP.BasicProperties.Builder().contentType("text/plain").build(),
						body);
				channel.waitForConfirmsOrDie(10_000);
			}).withStackTraceContaining("max size");

			Channel second = connection.createChannel();
			second.confirmSelect();
			String marker = "big" + System.nanoTime();
			byte[] big = (marker + "y".repeat(2 * 1024 * 1024)).getBytes();
			second.basicPublish("", "hello", new AMQP.BasicProperties.Builder().contentType("text/plain").build(), big);
			second.waitForConfirmsOrDie(10_000);
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> !this.deliveryLog
					.newest((d) -> d.pattern() == MessagingPattern.HELLO && d.body().startsWith(marker), 10)
					.isEmpty());
		}
		assertThat(this.amqpAdmin.getQueueInfo("hello")).satisfies((queue) -> assertThat(queue.getMessageCount()).isZero());
		assertThat(new HttpUser(this.port).postText("/api/hello", "still here").status()).isEqualTo(202);
	}

}
