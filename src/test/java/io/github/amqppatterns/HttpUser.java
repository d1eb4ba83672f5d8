package io.github.amqppatterns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A user with curl: plain HTTP requests to the service, and what came back, with no assertion
 * made on the way, so that a load of them can run while the broker fails.
 */
public final class HttpUser {

	private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	public HttpUser(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public Answer postText(String path, String text) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(text)));
	}

	public Answer postJson(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	private Answer send(HttpRequest.Builder request) {
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""),
					Duration.ofNanos(System.nanoTime() - started));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status its status code
	 * @param body its body
	 * @param contentType its content type
	 * @param took how long it took to come
	 */
	public record Answer(int status, String body, String contentType, Duration took) {

		/** The {@code messageId} of a publish's answer. */
		public @Nullable String messageId() {
			Matcher matcher = MESSAGE_ID.matcher(this.body);
			return matcher.find() ? matcher.group(1) : null;
		}

	}

}
