package io.github.amqppatterns;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Drives the service the way a user does, over HTTP: publishes through the REST endpoints and
 * reads {@code GET /api/deliveries} to see who got what.
 */
@TestComponent
public class TutorialClient {

	private final RestTestClient client;

	TutorialClient(RestTestClient client) {
		this.client = client;
	}

	/** A word no earlier message holds, to tell this test's messages from any other's. */
	public static String marker() {
		return "m" + UUID.randomUUID().toString().replace("-", "");
	}

	/** Awaitility with the bounds every delivery assertion here uses. */
	public static ConditionFactory eventually() {
		return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25));
	}

	/** POSTs a plain-text body, expects a 202 and returns what was published. */
	public Published postText(String path, String text) {
		return post(this.client.post().uri(path).contentType(MediaType.TEXT_PLAIN).body(text));
	}

	/** POSTs a plain-text body, expects a 202 and reads the answer as {@code type}. */
	public <T> T postText(String uri, String text, Class<T> type, Object... uriVariables) {
		T answer = this.client.post()
			.uri(uri, uriVariables)
			.contentType(MediaType.TEXT_PLAIN)
			.body(text)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(type)
			.returnResult()
			.getResponseBody();
		assertThat(answer).isNotNull();
		return answer;
	}

	/** POSTs a JSON body, expects a 202 and returns what was published. */
	public Published postJson(String path, Object json) {
		return post(this.client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json));
	}

	/** POSTs no body at all, expects a 202 and returns what was published. */
	public Published postNothing(String path) {
		return post(this.client.post().uri(path));
	}

	private static Published post(RestTestClient.RequestHeadersSpec<?> request) {
		Published published = request.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Published.class)
			.returnResult()
			.getResponseBody();
		assertThat(published).isNotNull();
		return published;
	}

	/** GETs {@code uri}, expects a 200 and reads the body as {@code type}. */
	public <T> T get(String uri, Class<T> type, Object... uriVariables) {
		T body = this.client.get()
			.uri(uri, uriVariables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(type)
			.returnResult()
			.getResponseBody();
		assertThat(body).as("body of %s", uri).isNotNull();
		return body;
	}

	/** The deliveries of {@code pattern} whose body holds {@code marker}, newest first. */
	public List<Delivery> deliveries(MessagingPattern pattern, String marker) {
		return deliveries(pattern, (delivery) -> delivery.body().contains(marker));
	}

	public List<Delivery> deliveries(MessagingPattern pattern, Predicate<Delivery> filter) {
		List<Delivery> all = this.client.get()
			.uri("/api/deliveries?pattern={pattern}&limit=1000", pattern.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Delivery>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(all).isNotNull();
		return all.stream().filter(filter).toList();
	}

	/**
	 * Waits until exactly {@code consumers} (each as often as named) received the message
	 * {@code published}, then checks for a while that nobody else does.
	 */
	public void awaitReceivers(MessagingPattern pattern, Published published, String... consumers) {
		List<String> expected = Stream.of(consumers).sorted().toList();
		Callable<List<String>> receivers = () -> deliveries(pattern,
				(delivery) -> published.messageId().equals(delivery.messageId()))
			.stream()
			.map(Delivery::consumer)
			.sorted()
			.toList();
		eventually().until(receivers, equalTo(expected));
		Awaitility.await()
			.during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(50))
			.until(receivers, equalTo(expected));
	}

	/**
	 * Expects an {@code application/problem+json} answer with {@code status}, whose detail says
	 * {@code detail}, and no stack trace.
	 */
	public static void expectProblem(RestTestClient.ResponseSpec response, int status, String detail) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.detail")
			.value(String.class, (text) -> assertThat(text).contains(detail))
			.jsonPath("$.trace")
			.doesNotExist();
	}

	public RestTestClient http() {
		return this.client;
	}

}
