package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service (or scenario 7's no-AMQP anchor) in a process of its own on {@link #PORT}, ready
 * once {@code /actuator/health/readiness} answers 200. Its log: target/bench/service-NAME.log.
 */
final class Service implements AutoCloseable {

	static final int PORT = 18080;

	static final String BASE = "http://127.0.0.1:" + PORT;

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final Pattern SUBSCRIBER_COUNT = Pattern
		.compile("spring_rabbit_listener_seconds_count\\{[^}]*listener_id=\"logs-subscriber-[12]\"[^}]*} ([0-9.E]+)");

	private static final Pattern HEAP_USED = Pattern
		.compile("jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)");

	private final String name;

	private final Process process;

	private final double startMillis;

	private Service(String name, Process process, double startMillis) {
		this.name = name;
		this.process = process;
		this.startMillis = startMillis;
	}

	/** The service on {@code broker}, in its virtual host, with BENCH_SERVICE_ARGS after {@code arguments}. */
	static Service on(Settings settings, Broker broker, String name, String... arguments) throws Exception {
		List<String> more = new ArrayList<>(broker.serviceArguments());
		more.addAll(List.of(arguments));
		return service(settings, name, more);
	}

	/** The service on its embedded broker. */
	static Service onEmbeddedBroker(Settings settings, String name) throws Exception {
		return service(settings, name, List.of("--amqp-patterns.embedded-broker.enabled=true"));
	}

	/** Scenario 7's anchor: the same Boot web stack with no AMQP ({@code NoAmqpApplication}). */
	static Service noAmqp(Settings settings) throws Exception {
		return launch("no-AMQP anchor", List.of(Processes.java(), "-Xmx1g", "-cp", settings.noAmqpClasspath(),
				"bench.NoAmqpApplication", "--server.port=" + PORT,
				"--management.endpoint.health.group.readiness.include=readinessState"),
				settings.out().resolve("no-amqp.log"));
	}

	private static Service service(Settings settings, String name, List<String> arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx1g", "-cp", settings.serviceClasspath(),
				"io.github.amqppatterns.AmqpPatternsApplication", "--server.port=" + PORT));
		command.addAll(arguments);
		command.addAll(settings.serviceArguments());
		return launch(name, command, settings.out().resolve("service-" + name + ".log"));
	}

	private static Service launch(String name, List<String> command, Path log) throws Exception {
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		HttpRequest ready = HttpRequest.newBuilder(URI.create(BASE + "/actuator/health/readiness")).GET().build();
		long deadline = started + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline && process.isAlive()) {
			try {
				if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return new Service(name, process, (System.nanoTime() - started) / 1e6);
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(20);
		}
		process.destroyForcibly();
		throw new IllegalStateException("The " + name + " service was not ready within 90 s; see " + log);
	}

	/** From the start of its process until it was ready. */
	double startMillis() {
		return this.startMillis;
	}

	/** Its resident memory now. */
	long rssKib() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	/** Its resident memory and heap in use now; -1 for what could not be read. */
	Memory memory() {
		long rss;
		long heap;
		try {
			rss = rssKib();
		}
		catch (IOException ex) {
			rss = -1;
		}
		try {
			heap = metric(HEAP_USED);
			heap = (heap > 0) ? heap : -1; // scenario 7's no-AMQP anchor has no /actuator/prometheus
		}
		catch (Exception ex) {
			heap = -1;
		}
		return new Memory(this.name, rss, heap);
	}

	/** CPU time its process has used so far (user and system, /proc/PID/stat), in seconds. */
	double cpuSeconds() throws IOException {
		return Processes.cpuSeconds(this.process.pid());
	}

	/** Deliveries to the two {@code logs} subscribers so far, from their listener timers in /actuator/prometheus. */
	long subscriberDeliveries() throws Exception {
		return metric(SUBSCRIBER_COUNT);
	}

	/** The sum of what {@code pattern}'s first group matches in /actuator/prometheus now. */
	long metric(Pattern pattern) throws Exception {
		String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(30)) // a service that stopped answering still stops (close reads it first)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher matcher = pattern.matcher(metrics);
		long total = 0;
		while (matcher.find()) {
			total += (long) Double.parseDouble(matcher.group(1));
		}
		return total;
	}

	/** Waits until {@code GET /api/streams} says the streams are declared and their listeners run. */
	void awaitStreams() throws Exception {
		HttpRequest streams = HttpRequest.newBuilder(URI.create(BASE + "/api/streams")).GET().build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!HTTP.send(streams, HttpResponse.BodyHandlers.ofString()).body().startsWith("{\"available\":true")) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The service's streams were not available within 30 s: is the "
						+ "rabbitmq_stream plugin on?");
			}
			Thread.sleep(100);
		}
	}

	/** Waits until the subscribers have caught up with what was published (their count stops moving). */
	void awaitSubscribersIdle() throws Exception {
		awaitIdle(SUBSCRIBER_COUNT);
	}

	/** Waits until the sum of what {@code counter} matches in /actuator/prometheus stops moving for 500 ms. */
	void awaitIdle(Pattern counter) throws Exception {
		long last = -1;
		for (int i = 0; i < 600; i++) {
			long now = metric(counter);
			if (now == last) {
				return;
			}
			last = now;
			Thread.sleep(500);
		}
	}

	/** Stops it, its memory left first in {@link Memory}. */
	@Override
	public void close() throws Exception {
		if (this.process.isAlive()) {
			Memory.stopped(memory());
		}
		Processes.stop(this.process);
	}

}
