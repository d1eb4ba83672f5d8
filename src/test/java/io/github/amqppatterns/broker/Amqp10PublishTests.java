package io.github.amqppatterns.broker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.amqp.Environment;
import com.rabbitmq.client.amqp.Publisher;
import com.rabbitmq.client.amqp.impl.AmqpEnvironmentBuilder;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.PlainClient;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Publishing over AMQP 1.0 ({@code ?protocol=amqp-1.0}) to the receivers of the shared context,
 * which consume over AMQP 0-9-1: every tutorial crosses protocols on its way. Where the broker has
 * no AMQP 1.0 (the embedded one, RabbitMQ 3.x), each test checks instead that such a request is a
 * 503 that says so.
 */
@IntegrationTest
class Amqp10PublishTests {

	@Autowired
	TutorialClient client;

	@Autowired
	Amqp10 amqp10;

	@Autowired
	TextPublisher publisher;

	@Autowired
	RabbitConnectionDetails connectionDetails;

	@Test
	void deliversEachTutorialPublishedOverAmqp10ToItsReceivers() {
		if (refusedWithoutAmqp10()) {
			return;
		}
		String marker = marker();
		Published hello = this.client.postText("/api/hello?protocol=amqp-1.0", "Hello " + marker);
		assertThat(hello.protocol()).isEqualTo("amqp-1.0");
		assertThat(hello.routed()).isTrue();
		this.client.awaitReceivers(MessagingPattern.HELLO, hello, "hello-receiver");
		Delivery received = this.client.deliveries(MessagingPattern.HELLO, marker).get(0);
		assertThat(received.protocol()).isEqualTo("amqp-0-9-1");
		assertThat(received.queue()).isEqualTo("hello");
		assertThat(received.body()).isEqualTo("Hello " + marker);
		assertThat(received.contentType()).startsWith("text/plain");

		this.client.awaitReceivers(MessagingPattern.PUBSUB,
				this.client.postText("/api/logs?protocol=amqp-1.0", "info " + marker), "logs-subscriber-1",
				"logs-subscriber-2");
		this.client.awaitReceivers(MessagingPattern.ROUTING,
				this.client.postText("/api/logs/error?protocol=amqp-1.0", "error " + marker), "all-severities",
				"error-only");
		this.client.awaitReceivers(MessagingPattern.TOPICS,
				this.client.postText("/api/topics/quick.orange.rabbit?protocol=amqp-1.0", "topic " + marker), "Q1",
				"Q2");
		Published task = this.client.postText("/api/tasks?protocol=amqp-1.0", "task " + marker + ".");
		eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
				(d) -> task.messageId().equals(d.messageId()) && d.ackedAt() != null), (done) -> done.size() == 1);
	}

	@Test
	void answersFibonacciOverAmqp10WithTheSameExactNumber() {
		if (refusedWithoutAmqp10()) {
			return;
		}
		Map<?, ?> reply = this.client.get("/api/fib/90?protocol=amqp-1.0", Map.class);
		assertThat(reply.get("value")).isEqualTo("2880067194370816120");
	}

	@Test
	void runsTutorial7OverAmqp10() {
		if (refusedWithoutAmqp10()) {
			return;
		}
		for (String strategy : new String[] { "individual", "batch", "async" }) {
			Map<String, Object> run = this.client.http()
				.post()
				.uri("/api/confirms/run?strategy={s}&count=200&protocol=amqp-1.0", strategy)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody();
			assertThat(run).containsEntry("protocol", "amqp-1.0").containsEntry("acked", 200)
				.containsEntry("nacked", 0);
		}
	}

	@Test
	void answers503ForAMessageNoQueueTakesOverAmqp10() {
		if (refusedWithoutAmqp10()) {
			return;
		}
		// the tutorial's bindings and the tests' extra subscribers (kern.*, *.critical) take none of it
		TutorialClient.expectProblem(this.client.http()
			.post()
			.uri("/api/topics/nobody.listens?protocol=amqp-1.0")
			.contentType(MediaType.TEXT_PLAIN)
			.body("unroutable")
			.exchange(), 503, "outcome RELEASED): no queue took it, sent to exchange 'topic_logs' with routing key "
					+ "'nobody.listens'");
		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> this.publisher.toQueue(Protocol.AMQP_1_0, "no-such-queue-" + marker(), "lost",
					MessageDeliveryMode.PERSISTENT))
			.withMessageContaining("outcome RELEASED")
			.satisfies((refused) -> assertThat(refused.getBody().getStatus()).isEqualTo(503));
	}

	@Test
	void answers503ForAnExchangeThatDoesNotExistAndSendsTheNextMessage() {
		if (refusedWithoutAmqp10()) {
			return;
		}
		String exchange = "no-such-exchange-" + marker();
		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> this.publisher.toExchange(Protocol.AMQP_1_0, exchange, "key", "lost",
					MessageDeliveryMode.PERSISTENT))
			.withMessageContaining(exchange)
			.satisfies((refused) -> assertThat(refused.getBody().getStatus()).isEqualTo(503));
		String marker = marker();
		Published next = this.client.postText("/api/hello?protocol=amqp-1.0", "next " + marker);
		this.client.awaitReceivers(MessagingPattern.HELLO, next, "hello-receiver");
	}

	@Test
	void answers503WithTheBrokersReasonForAMessageItRejects() throws Exception {
		if (refusedWithoutAmqp10()) {
			return;
		}
		String full = "full-" + marker();
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection()) {
			Channel channel = connection.createChannel();
			channel.queueDeclare(full, false, false, true,
					Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
			assertThatExceptionOfType(PublishFailedException.class)
				.isThrownBy(() -> this.publisher.toQueue(Protocol.AMQP_1_0, full, "no room",
						MessageDeliveryMode.PERSISTENT))
				.withMessageContaining("outcome REJECTED")
				.withMessageEndingWith("queue '" + full + "' exceeded maximum length");
			channel.queueDelete(full);
		}
	}

	@Test
	void answers503OverAmqp10WhereTheBrokerHasNoneAndGoesOnOverAmqp091() {
		if (!refusedWithoutAmqp10()) {
			assertThat(this.client.postText("/api/hello?protocol=amqp-1.0", "Hello").protocol()).isEqualTo("amqp-1.0");
			return;
		}
		TutorialClient.expectProblem(this.client.http().get().uri("/api/fib/10?protocol=amqp-1.0").exchange(), 503,
				"AMQP 1.0 needs RabbitMQ 4");
		assertThat(this.client.postText("/api/hello", "still over AMQP 0-9-1").protocol()).isEqualTo("amqp-0-9-1");
	}

	@Test
	void refusesAProtocolItDoesNotKnow() {
		TutorialClient.expectProblem(this.client.http()
			.post()
			.uri("/api/hello?protocol=amqp-2")
			.contentType(MediaType.TEXT_PLAIN)
			.body("Hello")
			.exchange(), 400, "Unknown protocol 'amqp-2'; allowed: amqp-0-9-1, amqp-1.0");
	}

	/** The official AMQP 1.0 client publishes; the service's AMQP 0-9-1 receiver gets it as sent. */
	@Test
	void receivesOverAmqp091WhatTheOfficialAmqp10ClientSent() {
		if (refusedWithoutAmqp10()) {
			return;
		}
		String marker = marker();
		try (Environment environment = new AmqpEnvironmentBuilder().build();
				com.rabbitmq.client.amqp.Connection connection = environment.connectionBuilder()
					.uri(uri())
					.build();
				Publisher publisher = connection.publisherBuilder().queue("hello").build()) {
			BlockingQueue<Publisher.Status> outcome = new ArrayBlockingQueue<>(1);
			publisher.publish(publisher.message(("from AMQP 1.0 " + marker).getBytes(StandardCharsets.UTF_8))
				.messageId(marker)
				.contentType("text/plain")
				.property("x-origin", "java-amqp"), (context) -> outcome.add(context.status()));
			assertThat(outcome.poll(10, TimeUnit.SECONDS)).isEqualTo(Publisher.Status.ACCEPTED);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Delivery delivery = eventually().until(() -> this.client.deliveries(MessagingPattern.HELLO, marker),
				(all) -> all.size() == 1)
			.get(0);
		assertThat(delivery.body()).isEqualTo("from AMQP 1.0 " + marker);
		assertThat(delivery.messageId()).isEqualTo(marker);
		assertThat(delivery.contentType()).isEqualTo("text/plain");
		assertThat(delivery.headers()).containsEntry("x-origin", "java-amqp");
		assertThat(delivery.protocol()).isEqualTo("amqp-0-9-1");
	}

	/** The service publishes over AMQP 1.0; a plain AMQP 0-9-1 client gets it as sent, headers matched. */
	@Test
	void sendsOverAmqp10WhatAPlainAmqp091ClientReceivesAsSent() throws Exception {
		if (refusedWithoutAmqp10()) {
			return;
		}
		String marker = marker();
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection()) {
			Channel channel = connection.createChannel();
			String queue = channel.queueDeclare().getQueue();
			channel.queueBind(queue, "headers_logs", "", Map.of("x-match", "all", "marker", marker));
			Published published = this.client.postJson("/api/headers?protocol=amqp-1.0",
					Map.of("message", "headers " + marker, "headers", Map.of("marker", marker, "format", "pdf")));
			GetResponse got = eventually().until(() -> channel.basicGet(queue, true), (response) -> response != null);
			AMQP.BasicProperties properties = got.getProps();
			assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("headers " + marker);
			assertThat(properties.getMessageId()).isEqualTo(published.messageId());
			assertThat(properties.getContentType()).startsWith("text/plain");
			assertThat(properties.getHeaders()).extractingByKeys("marker", "format")
				.extracting(String::valueOf)
				.containsExactly(marker, "pdf");
		}
	}

	private String uri() {
		String virtualHost = (this.connectionDetails.getVirtualHost() != null) ? this.connectionDetails.getVirtualHost()
				: "/";
		RabbitConnectionDetails.Address address = this.connectionDetails.getFirstAddress();
		return "amqp://" + this.connectionDetails.getUsername() + ":" + this.connectionDetails.getPassword() + "@"
				+ address.host() + ":" + address.port() + "/" + URLEncoder.encode(virtualHost, StandardCharsets.UTF_8);
	}

	/**
	 * Where the broker has no AMQP 1.0 (the embedded one, RabbitMQ 3.x), checks that an AMQP 1.0
	 * publish is the 503 that says so, and answers {@code true}: the rest of the test is for RabbitMQ 4.
	 */
	private boolean refusedWithoutAmqp10() {
		if (this.amqp10.available()) {
			return false;
		}
		TutorialClient.expectProblem(this.client.http()
			.post()
			.uri("/api/hello?protocol=amqp-1.0")
			.contentType(MediaType.TEXT_PLAIN)
			.body("Hello")
			.exchange(), 503, "AMQP 1.0 needs RabbitMQ 4");
		return true;
	}

}
