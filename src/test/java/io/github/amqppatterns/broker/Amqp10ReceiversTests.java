package io.github.amqppatterns.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.github.amqppatterns.DockerCheck;
import io.github.amqppatterns.RabbitMqContainers;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbitmq.client.listener.RabbitAmqpListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with {@code amqp-patterns.receivers=amqp-1.0}, on a RabbitMQ 4 of its own (its
 * receivers would compete with the shared context's for the tutorials' queues): every tutorial's
 * receivers consume over AMQP 1.0, whichever protocol published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amqp-patterns.receivers=amqp-1.0", "amqp-patterns.work.time-per-dot=200ms",
				"amqp-patterns.work.retry-delay=50ms", "amqp-patterns.work.retry-max-delay=200ms",
				"amqp-patterns.work.max-retries=3", "amqp-patterns.rpc.reply-timeout=5s",
				"amqp-patterns.embedded-broker.enabled=false" })
@AutoConfigureRestTestClient
@Import(TutorialClient.class)
@ExtendWith(DockerCheck.class)
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Amqp10ReceiversTests {

	private static RabbitMQContainer rabbitMq;

	@Autowired
	TutorialClient client;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void rabbitMq4(DynamicPropertyRegistry registry) {
		if (rabbitMq == null) {
			rabbitMq = RabbitMqContainers.create();
			rabbitMq.start();
		}
		registry.add("spring.rabbitmq.addresses", () -> rabbitMq.getHost() + ":" + rabbitMq.getAmqpPort());
		registry.add("spring.rabbitmq.username", () -> "guest");
		registry.add("spring.rabbitmq.password", () -> "guest");
		registry.add("spring.rabbitmq.stream.host", rabbitMq::getHost);
		registry.add("spring.rabbitmq.stream.port", () -> rabbitMq.getMappedPort(5552));
	}

	@Test
	void runsEveryReceiverOverAmqp10AndNoneOverAmqp091() {
		List<String> running = this.listeners.getListenerContainerIds()
			.stream()
			.filter((id) -> this.listeners.getListenerContainer(id).isRunning())
			.toList();
		assertThat(running).contains("hello-receiver-amqp-1.0", "worker-1-amqp-1.0", "worker-2-amqp-1.0",
				"logs-subscriber-1-amqp-1.0", "error-only-amqp-1.0", "Q1-amqp-1.0", "match-all-amqp-1.0",
				"fib-server-amqp-1.0");
		assertThat(running).doesNotContain("hello-receiver", "worker-1", "logs-subscriber-1", "Q1", "fib-server");
		String topology = this.client.get("/api/topology", String.class);
		assertThat(topology).contains("\"consumers\":[\"hello-receiver\"]")
			.contains("\"consumers\":[\"worker-1\",\"worker-2\"]");
	}

	@Test
	void receivesOverAmqp10WhatEitherProtocolPublished() {
		String marker = marker();
		for (String protocol : new String[] { "amqp-0-9-1", "amqp-1.0" }) {
			Published hello = this.client.postText("/api/hello?protocol=" + protocol, protocol + " " + marker);
			this.client.awaitReceivers(MessagingPattern.HELLO, hello, "hello-receiver");
			Delivery delivery = this.client.deliveries(MessagingPattern.HELLO,
					(d) -> hello.messageId().equals(d.messageId())).get(0);
			assertThat(delivery.protocol()).isEqualTo("amqp-1.0");
			assertThat(delivery.queue()).isEqualTo("hello");
			assertThat(delivery.body()).isEqualTo(protocol + " " + marker);
		}
	}

	@Test
	void routesEachExchangeTutorialToItsAmqp10Subscribers() {
		String marker = marker();
		this.client.awaitReceivers(MessagingPattern.PUBSUB,
				this.client.postText("/api/logs?protocol=amqp-1.0", "info " + marker), "logs-subscriber-1",
				"logs-subscriber-2");
		this.client.awaitReceivers(MessagingPattern.ROUTING, this.client.postText("/api/logs/info", "info " + marker),
				"all-severities");
		this.client.awaitReceivers(MessagingPattern.TOPICS,
				this.client.postText("/api/topics/lazy.orange.elephant?protocol=amqp-1.0", "topic " + marker), "Q1",
				"Q2");
		Delivery topic = this.client.deliveries(MessagingPattern.TOPICS, "topic " + marker).get(0);
		assertThat(topic.routingKey()).isEqualTo("lazy.orange.elephant");
		assertThat(topic.exchange()).isEqualTo("topic_logs");
		assertThat(topic.protocol()).isEqualTo("amqp-1.0");
		this.client.awaitReceivers(MessagingPattern.HEADERS, this.client.postJson("/api/headers?protocol=amqp-1.0",
				Map.of("message", "headers " + marker, "headers", Map.of("format", "pdf", "type", "report"))),
				"match-all", "match-any");
	}

	@Test
	void servesFibonacciOverAmqp10ToClientsOfEitherProtocol() {
		for (String protocol : new String[] { "amqp-0-9-1", "amqp-1.0" }) {
			Map<?, ?> reply = this.client.get("/api/fib/90?protocol=" + protocol, Map.class);
			assertThat(reply.get("value")).isEqualTo("2880067194370816120");
		}
		Delivery request = this.client.deliveries(MessagingPattern.RPC, (d) -> d.body().equals("90")).get(0);
		assertThat(request.protocol()).isEqualTo("amqp-1.0");
	}

	@Test
	void answers503OverAmqp10WhenNoRpcServerConsumes() {
		RabbitAmqpListenerContainer server = (RabbitAmqpListenerContainer) this.listeners
			.getListenerContainer("fib-server-amqp-1.0");
		server.stop();
		try {
			eventually().untilAsserted(() -> TutorialClient.expectProblem(
					this.client.http().get().uri("/api/fib/10?protocol=amqp-1.0").exchange(), 503,
					"No RPC server consumes 'rpc_queue'"));
		}
		finally {
			server.start();
		}
		eventually().untilAsserted(() -> assertThat(this.client.get("/api/fib/10?protocol=amqp-1.0", Map.class))
			.containsEntry("value", "55"));
	}

	@Test
	void spreadsTasksOverBothAmqp10WorkersAndSettlesEachOnceDone() {
		String marker = marker();
		for (int i = 0; i < 6; i++) {
			this.client.postText("/api/tasks?protocol=amqp-1.0", "task " + i + " " + marker + "..");
		}
		List<Delivery> done = eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
				(d) -> d.body().contains(marker) && d.ackedAt() != null), (all) -> all.size() == 6);
		assertThat(done).extracting(Delivery::consumer).contains("worker-1", "worker-2");
		assertThat(done).extracting(Delivery::protocol).containsOnly("amqp-1.0");
	}

	@Test
	void deadLettersAPoisonTaskAfterTheSameTriesAsOverAmqp091() {
		Published poison = this.client.postText("/api/tasks", "poison " + marker());
		Delivery deadLettered = eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
				(d) -> poison.messageId().equals(d.messageId()) && d.deadLetteredAt() != null),
				(all) -> all.size() == 1)
			.get(0);
		assertThat(deadLettered.attempts()).isEqualTo(4);
		assertThat(deadLettered.protocol()).isEqualTo("amqp-1.0");
		assertThat(deadLettered.ackedAt()).isNull();
		Map<?, ?> letters = this.client.get("/api/dead-letters?limit=100", Map.class);
		assertThat(String.valueOf(letters.get("shown"))).contains(poison.messageId()).contains("attempts=4");
	}

	/**
	 * A worker whose connection goes mid-task cannot settle it, so the broker gives the task again,
	 * and it is done; the connection comes back with every receiver. The AMQP 1.0 client does not
	 * say when a settlement is lost with its link, so the first delivery's worker also logs it as
	 * done. Last: it closes the service's connections.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void redeliversTheTaskOfAWorkerWhoseConnectionDiesMidTask() throws Exception {
		String marker = marker();
		// 12 s of work: far longer than closing the connections takes, on a busy machine too
		Published task = this.client.postText("/api/tasks?protocol=amqp-1.0", "long " + marker + ".".repeat(60));
		eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES, marker),
				(taken) -> !taken.isEmpty());

		assertThat(rabbitMq.execInContainer("rabbitmqctl", "close_all_connections", "a worker dies").getExitCode())
			.isZero();

		List<Delivery> deliveries = eventually().atMost(Duration.ofSeconds(40))
			.until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES, marker),
					(all) -> all.size() == 2 && all.get(0).ackedAt() != null);
		assertThat(deliveries).extracting(Delivery::messageId).containsOnly(task.messageId());
		eventually().atMost(Duration.ofSeconds(40)).untilAsserted(() -> this.client.awaitReceivers(
				MessagingPattern.PUBSUB, this.client.postText("/api/logs", "back " + marker()), "logs-subscriber-1",
				"logs-subscriber-2"));
	}

	/** A plain AMQP 0-9-1 client publishes; the service's AMQP 1.0 receiver gets it as sent. */
	@Test
	void receivesOverAmqp10WhatAPlainAmqp091ClientSent() throws Exception {
		String marker = marker();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(rabbitMq.getHost());
		factory.setPort(rabbitMq.getAmqpPort());
		try (Connection connection = factory.newConnection()) {
			Channel channel = connection.createChannel();
			channel.basicPublish("", "hello", new AMQP.BasicProperties.Builder().messageId(marker)
				.contentType("text/plain")
				.headers(Map.of("origin", "send.py"))
				.build(), ("from AMQP 0-9-1 " + marker).getBytes(StandardCharsets.UTF_8));
		}
		Delivery delivery = eventually().until(() -> this.client.deliveries(MessagingPattern.HELLO, marker),
				(all) -> all.size() == 1)
			.get(0);
		assertThat(delivery.protocol()).isEqualTo("amqp-1.0");
		assertThat(delivery.body()).isEqualTo("from AMQP 0-9-1 " + marker);
		assertThat(delivery.messageId()).isEqualTo(marker);
		assertThat(delivery.contentType()).isEqualTo("text/plain");
		// RabbitMQ maps the headers to application properties, but for x-… ones: message annotations
		assertThat(delivery.headers()).containsEntry("origin", "send.py");
	}

}
