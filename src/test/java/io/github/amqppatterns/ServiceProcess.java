package io.github.amqppatterns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Another instance of the service, in a JVM of its own started from the test's class path, as a
 * second {@code docker compose --scale} replica runs: it can be killed ({@code kill -9}), which an
 * application context in the test's JVM cannot.
 */
public final class ServiceProcess {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Process process;

	private final HttpUser user;

	private final Path log;

	/** Starts it with these settings (as {@code --name=value} arguments), and waits until it is ready. */
	public ServiceProcess(Map<String, Object> settings) {
		int port = freePort();
		this.log = Path.of("target", "service-process-" + port + ".log").toAbsolutePath();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), AmqpPatternsApplication.class.getName(),
				"--server.port=" + port,
				// untraced, as the tests' own contexts are: the test classpath holds a tracer for JourneyTracingTests
				"--management.tracing.export.enabled=false"));
		settings.forEach((name, value) -> command.add("--" + name + "=" + value));
		try {
			Files.createDirectories(this.log.getParent());
			this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.log.toFile()).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.user = new HttpUser(port);
		Awaitility.await()
			.atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.failFast("the other instance ended (its log: " + this.log + ")", () -> !this.process.isAlive())
			.ignoreExceptions()
			.until(() -> this.user.get("/actuator/health/readiness").status() == 200);
	}

	public long pid() {
		return this.process.pid();
	}

	public HttpUser http() {
		return this.user;
	}

	/** Where it logs. */
	public Path log() {
		return this.log;
	}

	/** Its {@code GET /api/deliveries} of a pattern, the newest 1,000, newest first. */
	public List<Delivery> deliveries(MessagingPattern pattern) {
		HttpUser.Answer answer = this.user.get("/api/deliveries?pattern=" + pattern.id() + "&limit=1000");
		return json.readValue(answer.body(), new TypeReference<List<Delivery>>() {
		});
	}

	/** A {@code GET} answered as JSON. */
	public JsonNode getJson(String path) {
		return json.readTree(this.user.get(path).body());
	}

	/** {@code kill -9}: whatever it did not finish or store goes with it. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
