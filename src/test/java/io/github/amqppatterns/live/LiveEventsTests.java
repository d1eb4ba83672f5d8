package io.github.amqppatterns.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.expectProblem;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/events} as a browser's {@code EventSource} reads it, over real HTTP.
 */
@IntegrationTest
class LiveEventsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TutorialClient client;

	private final List<JsonNode> events = new CopyOnWriteArrayList<>();

	private final List<String> names = new CopyOnWriteArrayList<>();

	private HttpResponse<Stream<String>> stream;

	@BeforeEach
	void follow() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/events"))
			.header("Accept", "text/event-stream")
			.build();
		// the headers arrive once the server has registered this client
		this.stream = HttpClient.newHttpClient()
			.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
			.get(10, TimeUnit.SECONDS);
		assertThat(this.stream.statusCode()).isEqualTo(200);
		assertThat(this.stream.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		Thread reader = new Thread(() -> {
			String name = null;
			try {
				for (String line : (Iterable<String>) this.stream.body()::iterator) {
					if (line.startsWith("event:")) {
						name = line.substring(6).trim();
					}
					else if (line.startsWith("data:")) {
						this.events.add(json.readTree(line.substring(5)));
						this.names.add(String.valueOf(name));
					}
				}
			}
			catch (RuntimeException ex) {
				// the stream was closed by the test
			}
		}, "sse-reader");
		reader.setDaemon(true);
		reader.start();
	}

	@AfterEach
	void stop() {
		this.stream.body().close();
	}

	@Test
	void streamsPublishedThenDeliveredThenAckedForATask() {
		Published task = this.client.postText("/api/tasks", "live " + marker() + ".");

		// the confirm and the delivery race: the broker may deliver before it confirms
		eventually().untilAsserted(() -> assertThat(kindsOf(task.messageId())).containsExactlyInAnyOrder("published",
				"confirmed", "delivered", "acked"));
		List<String> kinds = kindsOf(task.messageId());
		assertThat(kinds.get(0)).isEqualTo("published");
		assertThat(kinds.indexOf("delivered")).isLessThan(kinds.indexOf("acked"));
		JsonNode delivered = eventsOf(task.messageId()).get(kinds.indexOf("delivered"));
		assertThat(delivered.get("queue").asString()).isEqualTo("task_queue");
		assertThat(delivered.get("consumer").asString()).startsWith("worker-");
		assertThat(delivered.get("redelivered").asBoolean()).isFalse();
		assertThat(delivered.get("pattern").asString()).isEqualTo("workqueues");
	}

	@Test
	void namesEachServerSentEventByItsKind() {
		Published published = this.client.postText("/api/topics/lazy.pink.rabbit", "live " + marker());

		eventually().untilAsserted(() -> assertThat(kindsOf(published.messageId())).containsExactlyInAnyOrder(
				"published", "confirmed", "delivered"));
		JsonNode confirmed = eventsOf(published.messageId()).stream()
			.filter((event) -> event.get("kind").asString().equals("confirmed"))
			.findFirst()
			.orElseThrow();
		if (!BrokerUnderTest.isEmbedded()) {
			assertThat(confirmed.get("routed").asBoolean()).isTrue();
		}
		for (int i = 0; i < this.events.size(); i++) {
			assertThat(this.names.get(i)).isEqualTo(this.events.get(i).get("kind").asString());
		}
		assertThat(eventsOf(published.messageId())).filteredOn((event) -> event.get("kind").asString().equals("delivered"))
			.singleElement()
			.satisfies((event) -> assertThat(event.get("consumer").asString()).isEqualTo("Q2"));
	}

	@Test
	void streamsTheRpcRoundTrip() {
		this.client.http().get().uri("/api/fib/{n}", 77).exchange().expectStatus().isOk();

		eventually().untilAsserted(() -> assertThat(this.events).anySatisfy((event) -> {
			assertThat(event.get("kind").asString()).isEqualTo("rpc-reply");
			assertThat(event.get("body").asString()).isEqualTo("5527939700884757");
			assertThat(event.get("millis").asLong()).isNotNegative();
		}));
		assertThat(this.events).anySatisfy((event) -> {
			assertThat(event.get("kind").asString()).isEqualTo("rpc-request");
			assertThat(event.get("body").asString()).isEqualTo("77");
		});
	}

	/** The page draws the headers exchange's routing from them, as the broker matches them. */
	@Test
	void carriesTheHeadersAMessageWasPublishedWith() {
		Published published = this.client.postJson("/api/headers",
				Map.of("headers", Map.of("format", "pdf", "type", "report"), "message", "live " + marker()));

		eventually().untilAsserted(() -> assertThat(kindsOf(published.messageId())).contains("published", "confirmed"));
		assertThat(eventsOf(published.messageId()))
			.filteredOn((event) -> List.of("published", "confirmed").contains(event.get("kind").asString()))
			.hasSize(2)
			.allSatisfy((event) -> {
				assertThat(event.get("exchange").asString()).isEqualTo("headers_logs");
				assertThat(event.get("headers").get("format").asString()).isEqualTo("pdf");
				assertThat(event.get("headers").get("type").asString()).isEqualTo("report");
			});
		Published task = this.client.postText("/api/tasks", "no headers " + marker() + ".");
		eventually().untilAsserted(() -> assertThat(kindsOf(task.messageId())).contains("published"));
		assertThat(eventsOf(task.messageId())).allSatisfy((event) -> assertThat(event.has("headers")).isFalse());
	}

	/**
	 * A message published to a stream names the stream and no exchange; one published to the super
	 * stream names it as its exchange, and its key as the routing key. Where there are no streams,
	 * the refused publish is no event.
	 */
	@Test
	void streamsAStreamPublishFromItsSendToItsDelivery() {
		String body = "to the stream " + marker();
		if (BrokerUnderTest.isEmbedded()) {
			expectProblem(this.client.http().post().uri("/api/streams/hello").contentType(MediaType.TEXT_PLAIN)
				.body(body).exchange(), 503, "The embedded broker has no streams");
			// the events of a later message arrive after any the refused one would have raised
			Published after = this.client.postText("/api/hello", "after " + marker());
			eventually().untilAsserted(() -> assertThat(kindsOf(after.messageId())).contains("published"));
			assertThat(this.events).noneSatisfy((event) -> assertThat(event.path("body").asString()).isEqualTo(body));
			return;
		}
		String messageId = this.client.postText("/api/streams/hello", body, StreamPublished.class).messageId();

		eventually().untilAsserted(() -> assertThat(kindsOf(messageId)).contains("published", "confirmed", "delivered"));
		List<String> kinds = kindsOf(messageId);
		assertThat(kinds.get(0)).isEqualTo("published");
		for (JsonNode event : eventsOf(messageId)) {
			if (!event.get("kind").asString().equals("delivered")) {
				assertThat(event.has("exchange")).as("a stream is no exchange").isFalse();
				assertThat(event.get("queue").asString()).isEqualTo("hello-java-stream");
				assertThat(event.has("protocol")).isFalse();
				assertThat(event.get("body").asString()).isEqualTo(body);
			}
		}
		if (this.client.get("/api/streams", StreamsStatus.class).superStream().available()) {
			String toSuperStream = this.client.postText("/api/streams/super-stream?key=customer-7", "invoice " + marker(),
					SuperStreamPublished.class).messageId();
			eventually().untilAsserted(() -> assertThat(kindsOf(toSuperStream)).contains("published", "confirmed"));
			assertThat(eventsOf(toSuperStream)).filteredOn((event) -> !event.get("kind").asString().equals("delivered"))
				.allSatisfy((event) -> {
					assertThat(event.get("exchange").asString()).isEqualTo("invoices");
					assertThat(event.get("routingKey").asString()).isEqualTo("customer-7");
				});
		}
	}

	/** What the tests read of the streams' answers. */
	record StreamPublished(String messageId) {
	}

	record SuperStreamPublished(String messageId) {
	}

	record StreamsStatus(SuperStream superStream) {

		record SuperStream(boolean available) {
		}

	}

	private List<JsonNode> eventsOf(String messageId) {
		List<JsonNode> mine = new ArrayList<>();
		for (JsonNode event : this.events) {
			if (event.has("messageId") && messageId.equals(event.get("messageId").asString())) {
				mine.add(event);
			}
		}
		return mine;
	}

	private List<String> kindsOf(String messageId) {
		return eventsOf(messageId).stream().map((event) -> event.get("kind").asString()).toList();
	}

}
