package io.github.amqppatterns.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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

import static io.github.amqppatterns.TutorialClient.eventually;
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
