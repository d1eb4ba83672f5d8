package io.github.amqppatterns.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.github.amqppatterns.TutorialClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no broker to talk to, publishing fails fast with a 503 and health says DOWN: within
 * {@code spring.rabbitmq.connection-timeout} (2 s), whether the broker's port is closed or a peer
 * accepts the connection and never answers. These tests deliberately use no
 * {@code BrokerUnderTest}: the missing broker is the point. They set
 * {@code spring.rabbitmq.addresses}, which wins over any {@code SPRING_RABBITMQ_ADDRESSES} of the
 * run (host and port would not), and the stream protocol at the same place, so that no other
 * broker of the machine gets the streams.
 */
class BrokerUnavailableTests {

	/** The 2 s connection timeout, plus room for a loaded machine. */
	private static final Duration FAST = Duration.ofMillis(3500);

	private static final SilentServer silentServer = new SilentServer();

	@AfterAll
	static void stopSilentServer() throws IOException {
		silentServer.close();
	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.rabbitmq.listener.simple.auto-startup=false",
					"spring.rabbitmq.listener.direct.auto-startup=false" })
	@AutoConfigureRestTestClient
	@DirtiesContext
	class WhenThePortIsClosed {

		@Autowired
		RestTestClient client;

		@DynamicPropertySource
		static void closedPort(DynamicPropertyRegistry registry) throws IOException {
			int port;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				port = socket.getLocalPort();
			}
			registry.add("spring.rabbitmq.addresses", () -> "127.0.0.1:" + port);
			registry.add("spring.rabbitmq.stream.host", () -> "127.0.0.1");
			registry.add("spring.rabbitmq.stream.port", () -> port);
		}

		@Test
		void answersPublishesWith503AndHealthDown() {
			assertUnavailable(this.client);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.rabbitmq.listener.simple.auto-startup=false",
					"spring.rabbitmq.listener.direct.auto-startup=false" })
	@AutoConfigureRestTestClient
	@DirtiesContext
	class WhenThePeerNeverAnswers {

		@Autowired
		RestTestClient client;

		@DynamicPropertySource
		static void silentPort(DynamicPropertyRegistry registry) {
			registry.add("spring.rabbitmq.addresses", () -> "127.0.0.1:" + silentServer.port());
			registry.add("spring.rabbitmq.stream.host", () -> "127.0.0.1");
			registry.add("spring.rabbitmq.stream.port", silentServer::port);
		}

		@Test
		void answersPublishesWith503AndHealthDownWithinTheConnectionTimeout() {
			assertUnavailable(this.client);
			assertThat(silentServer.accepted()).isPositive();
		}

	}

	private static void assertUnavailable(RestTestClient client) {
		for (String path : List.of("/api/hello", "/api/tasks", "/api/logs", "/api/logs/info", "/api/topics/a.b")) {
			long started = System.nanoTime();
			expectProblem(client.post().uri(path).contentType(MediaType.TEXT_PLAIN).body("x").exchange(), 503,
					"broker is unavailable");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as(path).isLessThan(FAST);
		}
		long started = System.nanoTime();
		client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.rabbit.status")
			.isEqualTo("DOWN");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAST);
		client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	/** Accepts TCP connections on loopback and never sends a byte, like a hung broker. */
	private static final class SilentServer {

		private final ServerSocket socket;

		private final List<Socket> connections = new CopyOnWriteArrayList<>();

		SilentServer() {
			try {
				this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						this.connections.add(this.socket.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "silent-broker");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int accepted() {
			return this.connections.size();
		}

		void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
		}

	}

}
