package io.github.amqppatterns.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.rabbitmq.stream.ByteCapacity;
import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.Producer;
import io.github.amqppatterns.AmqpPatternsApplication;
import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.HttpUser;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.ServiceProcess;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitStreamConnectionDetails;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.rabbit.stream.listener.StreamListenerContainer;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.expectProblem;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream tutorials, on a RabbitMQ with the stream plugin; on the embedded broker, which has no
 * streams, a 503 that says what is needed, and the rest of the service as it is.
 */
@IntegrationTest
class StreamsTests {

	@Autowired
	TutorialClient client;

	@Autowired
	StreamsProperties properties;

	@Autowired
	RabbitConnectionDetails connection;

	@Autowired
	RabbitStreamConnectionDetails streamConnection;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@BeforeEach
	void streamsReadyWhereTheBrokerHasThem() {
		if (!BrokerUnderTest.isEmbedded()) {
			eventually().atMost(Duration.ofSeconds(30))
				.until(() -> this.client.get("/api/streams", StreamsController.Streams.class).available());
		}
	}

	@Test
	void publishesToTheHelloStreamAndItsReceiverRecordsTheOffset() {
		if (BrokerUnderTest.isEmbedded()) {
			expectUnavailable();
			return;
		}
		String text = "Hello, World! " + marker();
		StreamsController.StreamPublished published = publishHello(text);

		Delivery delivery = eventually().until(() -> this.client.deliveries(MessagingPattern.STREAMS, text),
				(all) -> !all.isEmpty()).get(0);
		assertThat(published.stream()).isEqualTo("hello-java-stream");
		assertThat(delivery.consumer()).isEqualTo(HelloStreamListener.CONSUMER);
		assertThat(delivery.messageId()).isEqualTo(published.messageId());
		assertThat(delivery.queue()).isEqualTo("hello-java-stream");
		assertThat(delivery.offset()).isNotNull().isNotNegative();
	}

	/**
	 * Tutorial 1's receiver is a {@code @RabbitListener}: a stream listener container in Spring's
	 * registry, running where the broker has streams and left stopped where it has none.
	 */
	@Test
	void receivesTheHelloStreamWithARabbitListener() {
		MessageListenerContainer receiver = this.listeners.getListenerContainer(HelloStreamListener.CONSUMER);
		assertThat(receiver).isInstanceOf(StreamListenerContainer.class);
		assertThat(receiver.isRunning()).isEqualTo(!BrokerUnderTest.isEmbedded());
	}

	/**
	 * Whether streams can be used is decided before the service says it is ready: the first stream
	 * publish of a new instance, sent as soon as its readiness is UP, is confirmed.
	 */
	@Test
	void confirmsTheFirstStreamPublishOfANewInstanceAsSoonAsItIsReady() {
		if (BrokerUnderTest.isEmbedded()) {
			expectUnavailable();
			return;
		}
		ServiceProcess other = new ServiceProcess(BrokerUnderTest.serviceSettings(this.connection, this.streamConnection));
		try {
			HttpUser.Answer first = other.http().postText("/api/streams/hello", "First after readiness " + marker());
			assertThat(first.status()).as(first.body()).isEqualTo(202);
		}
		finally {
			other.kill();
		}
	}

	@Test
	void aSecondOffsetTrackingRunReadsOnFromTheStoredOffsetAlsoAfterARestart() {
		if (BrokerUnderTest.isEmbedded()) {
			expectProblem(this.client.http().post().uri("/api/streams/offset-tracking/runs").exchange(), 503,
					"embedded broker has no streams");
			return;
		}
		OffsetTrackingRuns.Run first = run(100);
		OffsetTrackingRuns.Run second = run(100);
		OffsetTrackingRuns.Run afterRestart;
		try (ConfigurableApplicationContext restarted = restartedService()) {
			eventually().atMost(Duration.ofSeconds(30)).until(() -> restarted.getBean(StreamsAvailability.class).available());
			afterRestart = restarted.getBean(OffsetTrackingRuns.class).run(100);
		}

		for (OffsetTrackingRuns.Run run : List.of(first, second, afterRestart)) {
			assertThat(run.published()).isEqualTo(100);
			assertThat(run.lastOffset()).isGreaterThanOrEqualTo(run.firstOffset() + 99);
		}
		assertThat(second.firstOffset()).as("after the first run's stored offset").isGreaterThan(first.lastOffset());
		assertThat(second.read()).as("its own 100 messages, none of the first run's").isEqualTo(100);
		assertThat(afterRestart.firstOffset()).as("after a restart too").isGreaterThan(second.lastOffset());
		assertThat(afterRestart.read()).isEqualTo(100);
	}

	@Test
	void readsASliceAgainFromAnyStartingPointWithoutMovingTheTrackedConsumer() {
		if (BrokerUnderTest.isEmbedded()) {
			expectProblem(this.client.http().get().uri("/api/streams/hello-java-stream/messages").exchange(), 503,
					"embedded broker has no streams");
			return;
		}
		String marker = marker();
		Instant before = Instant.now().minusSeconds(1);
		List<String> ids = List.of(publishHello("a " + marker).messageId(), publishHello("b " + marker).messageId(),
				publishHello("c " + marker).messageId());
		OffsetTrackingRuns.Run tracked = run(10);

		StreamReader.Slice fromFirst = read("hello-java-stream", "first", 1000);
		List<StreamReader.Read> ours = fromFirst.messages()
			.stream()
			.filter((m) -> m.messageId() != null && ids.contains(m.messageId()))
			.toList();
		assertThat(ours).extracting(StreamReader.Read::body).containsExactly("a " + marker, "b " + marker, "c " + marker);
		long offsetOfB = ours.get(1).offset();
		assertThat(read("hello-java-stream", "offset:" + offsetOfB, 2).messages()).extracting(StreamReader.Read::body)
			.containsExactly("b " + marker, "c " + marker);
		assertThat(read("hello-java-stream", "timestamp:" + before, 1000).messages())
			.extracting(StreamReader.Read::messageId)
			.containsAll(ids);
		assertThat(read("hello-java-stream", "last", 1000).messages()).isNotEmpty();
		assertThat(read("hello-java-stream", "next", 10).messages()).as("nothing published since").isEmpty();
		assertThat(read("stream-offset-tracking-java", "first", 1000).messages()).isNotEmpty();

		assertThat(run(10).firstOffset()).as("the tracked consumer, where it was").isGreaterThan(tracked.lastOffset());
	}

	@Test
	void sharesTheStreamsWithTheTutorialsPlainStreamClient() throws Exception {
		if (BrokerUnderTest.isEmbedded()) {
			expectUnavailable();
			return;
		}
		String fromTutorial = "Hello, World! from Send " + marker();
		String fromService = "Hello from the service " + marker();
		Queue<String> receivedByTutorial = new ConcurrentLinkedQueue<>();
		try (Environment tutorial = BrokerUnderTest.plainStreamClient(this.connection, this.streamConnection)) {
			// Send.java and Receive.java declare the stream first, with their client's defaults
			tutorial.streamCreator()
				.stream("hello-java-stream")
				.maxLengthBytes(ByteCapacity.GB(5))
				.argument("queue-leader-locator", "least-leaders")
				.create();
			Producer producer = tutorial.producerBuilder().stream("hello-java-stream").build();
			producer.send(producer.messageBuilder().addData(fromTutorial.getBytes(StandardCharsets.UTF_8)).build(),
					(status) -> {
					});
			Consumer consumer = tutorial.consumerBuilder()
				.stream("hello-java-stream")
				.offset(OffsetSpecification.first())
				.messageHandler((context, message) -> receivedByTutorial
					.add(new String(message.getBodyAsBinary(), StandardCharsets.UTF_8)))
				.build();
			publishHello(fromService);

			eventually().until(() -> this.client.deliveries(MessagingPattern.STREAMS, fromTutorial), (all) -> !all.isEmpty());
			eventually().until(() -> receivedByTutorial.contains(fromService));
			consumer.close();
			producer.close();
		}
	}

	@Test
	void saysWhetherStreamsCanBeUsedHereWithoutTouchingReadinessOrHealth() {
		StreamsController.Streams streams = this.client.get("/api/streams", StreamsController.Streams.class);
		assertThat(streams.streams()).containsExactly("hello-java-stream", "stream-offset-tracking-java");
		assertThat(streams.available()).isEqualTo(!BrokerUnderTest.isEmbedded());
		this.client.http()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.streams.status")
			.isEqualTo(BrokerUnderTest.isEmbedded() ? "UNKNOWN" : "UP");
		this.client.http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void refusesUnknownStreamsAndStartingPointsAndLimits() {
		expectProblem(this.client.http().get().uri("/api/streams/orders/messages").exchange(), 400,
				"Unknown stream 'orders'; allowed: hello-java-stream, stream-offset-tracking-java");
		expectProblem(this.client.http().get().uri("/api/streams/hello-java-stream/messages?from=yesterday").exchange(),
				400, "allowed: first, last, next, offset:N");
		expectProblem(this.client.http().get().uri("/api/streams/hello-java-stream/messages?from=offset:-1").exchange(),
				400, "Unknown starting point 'offset:-1'");
		expectProblem(this.client.http().get().uri("/api/streams/hello-java-stream/messages?limit=1001").exchange(), 400,
				"limit must be from 1 to 1000");
		expectProblem(this.client.http().post().uri("/api/streams/offset-tracking/runs?messages=0").exchange(), 400,
				"messages must be from 1 to 10000");
	}

	private void expectUnavailable() {
		expectProblem(this.client.http()
			.post()
			.uri("/api/streams/hello")
			.contentType(MediaType.TEXT_PLAIN)
			.body("Hello, World!")
			.exchange(), 503, "The embedded broker has no streams");
	}

	private StreamsController.StreamPublished publishHello(String text) {
		StreamsController.StreamPublished published = this.client.postText("/api/streams/hello", text,
				StreamsController.StreamPublished.class);
		assertThat(published.confirmed()).isTrue();
		return published;
	}

	private OffsetTrackingRuns.Run run(int messages) {
		OffsetTrackingRuns.Run run = this.client.http()
			.post()
			.uri("/api/streams/offset-tracking/runs?messages={n}", messages)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(OffsetTrackingRuns.Run.class)
			.returnResult()
			.getResponseBody();
		assertThat(run).isNotNull();
		return run;
	}

	private StreamReader.Slice read(String stream, String from, int limit) {
		return this.client.get("/api/streams/{stream}/messages?from={from}&limit={limit}", StreamReader.Slice.class,
				stream, from, limit);
	}

	/** The service again, in a new context on the same broker: a restart, as far as the broker can tell. */
	private ConfigurableApplicationContext restartedService() {
		Map<String, Object> settings = new HashMap<>(BrokerUnderTest.serviceSettings(this.connection, this.streamConnection));
		settings.putAll(Map.of("server.port", "0", "spring.rabbitmq.listener.simple.auto-startup", "false",
				"spring.rabbitmq.listener.direct.auto-startup", "false"));
		return new SpringApplicationBuilder(AmqpPatternsApplication.class).run(settings.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new));
	}

}
