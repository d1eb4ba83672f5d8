package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RabbitMQ PerfTest, the anchor of scenarios 1, 2, 3 and 8, on one broker. Its output goes to perf-test.log. */
final class PerfTest {

	private static final Pattern SENDING = Pattern.compile("sending rate avg: ([0-9.]+) msg/s");

	private static final Pattern RECEIVING = Pattern.compile("receiving rate avg: ([0-9.]+) msg/s");

	/** Its per-second lines: "min/median/75th/95th/99th confirm latency: a/b/c/d/e µs" (or consumer latency). */
	private static final Pattern LATENCY = Pattern.compile(
			"min/median/75th/95th/99th (?:confirm|consumer) latency: (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) (µs|ms)");

	private final Settings settings;

	private final Broker broker;

	private final Path log;

	PerfTest(Settings settings, Broker broker) {
		this.settings = settings;
		this.broker = broker;
		this.log = settings.out().resolve("perf-test.log");
	}

	/**
	 * Publishing persistent messages to task_queue through the default exchange, confirmed:
	 * {@code producers}, each on a connection of its own, each with that many confirms in flight.
	 */
	Run publishing(int producers, int confirmsInFlight) {
		return run("-x", Integer.toString(producers), "-y", "0", "--predeclared", "--queue", Publishing.TASK_QUEUE,
				"--routing-key", Publishing.TASK_QUEUE, "--exchange", "", "--flag", "persistent", "--confirm",
				Integer.toString(confirmsInFlight));
	}

	/** Starts PerfTest with these arguments (a {@code --time} among them), for a run measured otherwise. */
	Process start(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx512m", "-cp",
				this.settings.anchorsClasspath(), "com.rabbitmq.perf.PerfTest", "--uri", this.broker.uri()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.log.toFile()).start();
	}

	/** Waits for a run of at most the run's seconds (plus its start and end) to end. */
	void awaitEnd(Process perfTest) throws InterruptedException {
		if (!perfTest.waitFor(this.settings.seconds() + 60L, TimeUnit.SECONDS)) {
			perfTest.destroyForcibly();
			throw new IllegalStateException("PerfTest did not end; see " + this.log);
		}
	}

	/** PerfTest for the run's seconds: its average rate (receiving where it consumes) and latencies. */
	Run run(String... arguments) {
		try {
			List<String> timed = new ArrayList<>(List.of(arguments));
			timed.addAll(List.of("--time", Integer.toString(this.settings.seconds())));
			awaitEnd(start(timed.toArray(String[]::new)));
			String output = Files.readString(this.log);
			Matcher sending = SENDING.matcher(output);
			Matcher receiving = RECEIVING.matcher(output);
			if (!sending.find() || !receiving.find()) {
				throw new IllegalStateException("PerfTest printed no rates:\n" + output);
			}
			double received = Double.parseDouble(receiving.group(1));
			double rate = (received > 0) ? received : Double.parseDouble(sending.group(1));
			Matcher latency = LATENCY.matcher(output);
			List<Double> p50 = new ArrayList<>();
			List<Double> p99 = new ArrayList<>();
			while (latency.find()) {
				double unit = latency.group(6).equals("µs") ? 1000 : 1;
				p50.add(Double.parseDouble(latency.group(2)) / unit);
				p99.add(Double.parseDouble(latency.group(5)) / unit);
			}
			return new Run(rate, Stats.median(p50), Stats.median(p99), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
