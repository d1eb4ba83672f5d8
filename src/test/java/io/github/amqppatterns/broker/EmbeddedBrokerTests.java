package io.github.amqppatterns.broker;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.apache.qpid.server.model.BrokerImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedBrokerTests {

	@Test
	void servesAmqp091OnAnEphemeralLoopbackPortWithItsOwnCredentials() throws Exception {
		try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
			assertThat(broker.port()).isPositive().isNotEqualTo(5672);
			assertThat(broker.isActive()).isTrue();
			assertThat(broker.version()).isEqualTo("9.2.1");

			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost("127.0.0.1");
			factory.setPort(broker.port());
			factory.setUsername(broker.username());
			factory.setPassword(broker.password());
			try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
				String queue = channel.queueDeclare().getQueue();
				channel.basicPublish("", queue, null, "hi".getBytes(StandardCharsets.UTF_8));
				GetResponse response = channel.basicGet(queue, true);
				assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hi");
			}
		}
	}

	@Test
	void refusesGuestAndWrongPasswords() throws Exception {
		try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost("127.0.0.1");
			factory.setPort(broker.port());
			factory.setUsername(broker.username());
			factory.setPassword("guest");
			org.assertj.core.api.Assertions.assertThatException().isThrownBy(() -> factory.newConnection().close());
		}
	}

	@Test
	void failsLoudlyWhenItsPortIsTaken() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedBroker.start(taken.getLocalPort()))
				.withMessageContaining("127.0.0.1:" + taken.getLocalPort())
				.withMessageContaining("port in use");
		}
	}

	@Test
	void leavesItsShutdownToTheApplicationContext() throws Exception {
		try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
			Field hookField = BrokerImpl.class.getDeclaredField("_shutdownHook");
			hookField.setAccessible(true);
			Field brokerField = EmbeddedBroker.class.getDeclaredField("broker");
			brokerField.setAccessible(true);
			Thread hook = (Thread) hookField.get(brokerField.get(broker));

			// false: Qpid's own hook is no longer registered, so it cannot race Spring's on SIGTERM
			assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isFalse();
		}
	}

	@Test
	void runsIndependentlyOfAnotherInTheSameJvm() {
		try (EmbeddedBroker first = EmbeddedBroker.start(0)) {
			EmbeddedBroker second = EmbeddedBroker.start(0);
			assertThat(second.port()).isNotEqualTo(first.port());
			second.close();
			assertThat(first.isActive()).isTrue();
		}
	}

}
