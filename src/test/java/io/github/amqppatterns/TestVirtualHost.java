package io.github.amqppatterns;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual host a test run works in on a shared RabbitMQ: created for the run, with every
 * permission for the run's user, and deleted when the test JVM ends, so the suite never touches a
 * user's queues, and nobody else's consumers take its messages. It is made through RabbitMQ's
 * management HTTP API: for a configured broker at {@value #URL_SETTING}
 * ({@code BROKER_UNDER_TEST_MANAGEMENT_URL}) or, by default, port 15672 of its host; for the local
 * one at 127.0.0.1:15672. Without the management plugin the run fails, saying how to enable it. A
 * virtual host left by a test JVM that is gone is deleted on the next run.
 */
final class TestVirtualHost {

	static final String URL_SETTING = "broker-under-test.management-url";

	private static final Logger logger = LoggerFactory.getLogger(TestVirtualHost.class);

	private static final String PREFIX = "amqp-patterns-test-";

	private static final Pattern LEFT_BEHIND = Pattern.compile("\"name\":\"" + PREFIX + "(\\d+)\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String managementUrl;

	private final String authorization;

	private final String user;

	private final String name = PREFIX + ProcessHandle.current().pid();

	private TestVirtualHost(String managementUrl, String user, String password) {
		this.managementUrl = managementUrl.replaceAll("/+$", "");
		this.user = user;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Creates the run's virtual host on the configured broker whose (first) AMQP host is
	 * {@code host}, for {@code user}; deleted when the JVM ends.
	 */
	static TestVirtualHost onConfigured(String host, String user, String password) {
		String url = BrokerUnderTest.setting(URL_SETTING);
		return create((url != null) ? url : "http://" + host + ":15672", user, password);
	}

	/** The same on the local RabbitMQ, as guest, whatever the run configures for another broker. */
	static TestVirtualHost onLocal() {
		return create("http://127.0.0.1:15672", "guest", "guest");
	}

	private static TestVirtualHost create(String managementUrl, String user, String password) {
		TestVirtualHost vhost = new TestVirtualHost(managementUrl, user, password);
		vhost.deleteLeftBehind();
		vhost.call("PUT", "/api/vhosts/" + vhost.encodedName(), "{}");
		Runtime.getRuntime().addShutdownHook(new Thread(vhost::delete, "test-vhost-delete"));
		vhost.call("PUT", "/api/permissions/" + vhost.encodedName() + "/" + encode(user),
				"{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
		logger.info("Test run's virtual host: {} (made through {})", vhost.name, vhost.managementUrl);
		return vhost;
	}

	String name() {
		return this.name;
	}

	private void delete() {
		try {
			call("DELETE", "/api/vhosts/" + encodedName(), null);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not delete the test run's virtual host {}: {}", this.name, ex.getMessage());
		}
	}

	private void deleteLeftBehind() {
		Matcher left = LEFT_BEHIND.matcher(call("GET", "/api/vhosts?columns=name", null));
		while (left.find()) {
			long pid = Long.parseLong(left.group(1));
			if (ProcessHandle.of(pid).isEmpty()) {
				logger.info("Deleting virtual host {}{}, left by a test JVM that is gone", PREFIX, pid);
				call("DELETE", "/api/vhosts/" + encode(PREFIX + pid), null);
			}
		}
	}

	private String call(String method, String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.managementUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The suite runs on RabbitMQ in a virtual host of its own, made through "
					+ "the management API, and " + this.managementUrl + " did not answer (" + ex + "). Enable the "
					+ "management plugin (rabbitmq-plugins enable rabbitmq_management), or say where the API is with -D"
					+ URL_SETTING + "=http://host:port or BROKER_UNDER_TEST_MANAGEMENT_URL", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + this.managementUrl + path + " as " + this.user
					+ " answered " + response.statusCode() + ": " + response.body()
					+ " (the run's user needs the administrator tag to make a virtual host)");
		}
		return response.body();
	}

	private String encodedName() {
		return encode(this.name);
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
