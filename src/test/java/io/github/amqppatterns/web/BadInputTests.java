package io.github.amqppatterns.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static io.github.amqppatterns.TutorialClient.expectProblem;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every endpoint, given what it does not accept, answers a 4xx {@code application/problem+json}
 * that says what was wrong: never a 5xx, never a stack trace.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTests {

	private static final String TEXT = MediaType.TEXT_PLAIN_VALUE;

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

	private static final byte[] OVER_LIMIT = "x".repeat(64 * 1024 + 1).getBytes(StandardCharsets.UTF_8);

	private static final byte[] INVALID_UTF8 = { 'a', (byte) 0xff, (byte) 0xfe };

	@Autowired
	TutorialClient client;

	static Stream<Arguments> badRequests() {
		return Stream.of(
				// body size, counted on bytes: 64 KiB + 1 on every publish endpoint
				arguments("/api/hello", TEXT, OVER_LIMIT, 413, "limit of 65536 bytes"),
				arguments("/api/tasks", TEXT, OVER_LIMIT, 413, "limit of 65536 bytes"),
				arguments("/api/logs", TEXT, OVER_LIMIT, 413, "limit of 65536 bytes"),
				arguments("/api/logs/error", TEXT, OVER_LIMIT, 413, "limit of 65536 bytes"),
				arguments("/api/topics/a.b", TEXT, OVER_LIMIT, 413, "limit of 65536 bytes"),
				arguments("/api/headers", JSON, OVER_LIMIT, 413, "limit of 65536 bytes"),
				// content types
				arguments("/api/hello", FORM, bytes("Hello"), 415, "accepts text/plain"),
				arguments("/api/tasks", JSON, bytes("{}"), 415, "accepts text/plain"),
				arguments("/api/logs", "text/html", bytes("<b>"), 415, "accepts text/plain"),
				arguments("/api/headers", TEXT, bytes("format=pdf"), 415, "accepts application/json"),
				// text that is not text
				arguments("/api/hello", TEXT, INVALID_UTF8, 400, "not valid UTF-8"),
				arguments("/api/logs", TEXT, INVALID_UTF8, 400, "not valid UTF-8"),
				// work queue: bounded simulated work
				arguments("/api/tasks", TEXT, bytes(".".repeat(61)), 400, "at most 60 dots"),
				// routing: severities only
				arguments("/api/logs/debug", TEXT, bytes("x"), 400, "allowed: info, warning, error"),
				arguments("/api/logs/ERROR", TEXT, bytes("x"), 400, "allowed: info, warning, error"),
				// topics: publish keys
				arguments("/api/topics/lazy.%23", TEXT, bytes("x"), 400, "wildcards for bindings"),
				arguments("/api/topics/*.orange.*", TEXT, bytes("x"), 400, "wildcards for bindings"),
				arguments("/api/topics/a..b", TEXT, bytes("x"), 400, "no empty word"),
				arguments("/api/topics/.a", TEXT, bytes("x"), 400, "no empty word"),
				arguments("/api/topics/a.", TEXT, bytes("x"), 400, "no empty word"),
				arguments("/api/topics/" + "a".repeat(256), TEXT, bytes("x"), 400, "1 to 255 bytes"),
				arguments("/api/topics/" + "%C3%A9".repeat(128), TEXT, bytes("x"), 400, "is 256"),
				// headers: JSON shape and header names
				arguments("/api/headers", JSON, bytes("{\"headers\":"), 400, "could not be read"),
				arguments("/api/headers", JSON, bytes(""), 400, "could not be read"),
				arguments("/api/headers", JSON, bytes("{}"), 400, "headers: must not be null"),
				arguments("/api/headers", JSON, bytes("{\"headers\":{}}"), 400, "headers: size must be between 1"),
				arguments("/api/headers", JSON, bytes("{\"headers\":{\"x-match\":\"all\"}}"), 400,
						"must not start with 'x-'"),
				arguments("/api/headers", JSON, bytes("{\"headers\":[\"format\"]}"), 400, "could not be read"));
	}

	/** Paths are sent exactly as written here, percent-encoding included. */
	@ParameterizedTest(name = "POST {0} as {1} → {3}")
	@MethodSource("badRequests")
	void answersAProblemThatSaysWhatIsAllowed(String path, String contentType, byte[] body, int status,
			String detail) {
		expectProblem(this.client.http()
			.post()
			.uri(URI.create(path))
			.header("Content-Type", contentType)
			.body(body)
			.exchange(), status, detail);
	}

	static Stream<Arguments> badQueries() {
		return Stream.of(arguments(HttpMethod.GET, "/api/deliveries?limit=0", 400, "limit: must be greater"),
				arguments(HttpMethod.GET, "/api/deliveries?limit=1001", 400, "limit: must be less"),
				arguments(HttpMethod.GET, "/api/deliveries?limit=many", 400, "limit"),
				arguments(HttpMethod.GET, "/api/deliveries?pattern=topic", 400, "known patterns: hello"),
				arguments(HttpMethod.GET, "/api/fib/abc", 400, "whole number from 0 to 1000000"),
				arguments(HttpMethod.GET, "/api/fib/1e3", 400, "whole number from 0 to 1000000"),
				arguments(HttpMethod.GET, "/api/fib/3.5", 400, "whole number from 0 to 1000000"),
				arguments(HttpMethod.GET, "/api/fib/-1", 400, "whole number from 0 to 1000000"),
				arguments(HttpMethod.GET, "/api/fib/2147483648", 400, "whole number from 0 to 1000000"),
				arguments(HttpMethod.GET, "/api/fib/1000001", 400, "whole number from 0 to 1000000"),
				arguments(HttpMethod.POST, "/api/fib/30", 405, "'POST' is not supported"),
				arguments(HttpMethod.POST, "/api/confirms/run?strategy=lazy", 400, "allowed: individual, batch, async"),
				arguments(HttpMethod.POST, "/api/confirms/run", 400, "strategy"),
				arguments(HttpMethod.POST, "/api/confirms/run?strategy=async&count=0", 400, "count must be from 1 to 50000"),
				arguments(HttpMethod.POST, "/api/confirms/run?strategy=async&count=50001", 400, "count must be from 1 to 50000"),
				arguments(HttpMethod.POST, "/api/confirms/run?strategy=async&count=many", 400, "count"),
				arguments(HttpMethod.GET, "/api/hello", 405, "'GET' is not supported"),
				arguments(HttpMethod.POST, "/api/nowhere", 404, "No static resource"),
				arguments(HttpMethod.GET, "/actuator/env", 404, "No static resource"),
				arguments(HttpMethod.GET, "/actuator/beans", 404, "No static resource"),
				arguments(HttpMethod.GET, "/actuator/heapdump", 404, "No static resource"),
				arguments(HttpMethod.GET, "/api/dead-letters?limit=0", 400, "limit: must be greater"),
				arguments(HttpMethod.GET, "/api/dead-letters?limit=101", 400, "limit: must be less"),
				arguments(HttpMethod.POST, "/api/dead-letters/replay?limit=0", 400, "limit: must be greater"),
				arguments(HttpMethod.POST, "/api/dead-letters/replay?limit=10001", 400, "limit: must be less"),
				arguments(HttpMethod.POST, "/api/dead-letters/replay?limit=all", 400, "limit"),
				arguments(HttpMethod.GET, "/api/dead-letters/replay", 405, "'GET' is not supported"));
	}

	@ParameterizedTest(name = "{0} {1} → {2}")
	@MethodSource("badQueries")
	void answersAProblemForBadQueriesAndUnknownPaths(HttpMethod method, String uri, int status, String detail) {
		expectProblem(this.client.http().method(method).uri(URI.create(uri)).exchange(), status, detail);
	}

	/** Runs after the others: none of it hurt the service. */
	@Test
	@Order(Integer.MAX_VALUE)
	void isStillHealthyAndPublishing() {
		this.client.http().get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.client.postText("/api/hello", "still here");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
