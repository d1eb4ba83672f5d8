package io.github.amqppatterns;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's health check: exits 0 when the service on this host answers its readiness
 * probe with 200, 1 otherwise. Plain Java, so it needs nothing from the image but the JRE it
 * runs on: {@code java -cp application.jar io.github.amqppatterns.ReadinessCheck [port]}.
 */
public final class ReadinessCheck {

	private ReadinessCheck() {
	}

	public static void main(String[] args) throws InterruptedException {
		String port = (args.length > 0) ? args[0] : System.getenv().getOrDefault("SERVER_PORT", "8080");
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(3))
			.build();
		try {
			HttpResponse<Void> response = HttpClient.newBuilder()
				.connectTimeout(Duration.ofSeconds(2))
				.build()
				.send(request, HttpResponse.BodyHandlers.discarding());
			System.exit((response.statusCode() == 200) ? 0 : 1);
		}
		catch (IOException ex) {
			System.exit(1);
		}
	}

}
