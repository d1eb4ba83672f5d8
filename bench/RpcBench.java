import java.lang.reflect.Method;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The RPC benchmark: see bench/README.md. Run by bench/rpc, which starts the service first.
 * Arguments: service base URL, seconds per run, repetitions.
 */
public class RpcBench {

	record Run(double perSecond, double p50Millis, double p99Millis, long errors) {
	}

	interface Call {

		void call() throws Exception;

	}

	interface CallerFactory {

		Call open() throws Exception;

	}

	public static void main(String[] args) throws Exception {
		String baseUrl = args[0];
		int seconds = Integer.parseInt(args[1]);
		int repetitions = Integer.parseInt(args[2]);
		StringBuilder report = new StringBuilder();
		report.append("## RPC round trips: GET /api/fib/30 vs raw amqp-client with direct reply-to\n\n")
			.append(String.format("%d s per run, %d repetitions each, ours and the anchor interleaved; medians, "
					+ "with min–max of the rate.%n%n", seconds, repetitions))
			.append("| clients | path | calls/s (min–max) | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		ConnectionFactory amqp = new ConnectionFactory();
		amqp.setHost(System.getProperty("bench.rabbit.host", "127.0.0.1"));
		CallerFactory ours = () -> {
			HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/fib/30")).GET().build();
			return () -> {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200 || !response.body().contains("\"832040\"")) {
					throw new IllegalStateException(response.statusCode() + " " + response.body());
				}
			};
		};
		CallerFactory raw = () -> rawCaller(amqp);
		for (int clients : new int[] { 1, 8 }) {
			run(ours, clients, 2);
			run(raw, clients, 2);
			List<Run> oursRuns = new ArrayList<>();
			List<Run> rawRuns = new ArrayList<>();
			for (int i = 0; i < repetitions; i++) {
				oursRuns.add(run(ours, clients, seconds));
				rawRuns.add(run(raw, clients, seconds));
			}
			report.append(row(clients, "ours: HTTP → RabbitTemplate → fib-server", oursRuns));
			report.append(row(clients, "anchor: raw amqp-client → fib-server", rawRuns));
		}

		report.append("\n## fib(n) in-process: fast doubling (as served, with the decimal string) vs the tutorial's recursion\n\n")
			.append("| n | fast doubling, median of 5 | tutorial recursion, median of 3 |\n|---|---|---|\n");
		Method fastDoubling = Class.forName("io.github.amqppatterns.rpc.Fibonacci").getDeclaredMethod("of", int.class);
		fastDoubling.setAccessible(true);
		for (int n : new int[] { 30, 35, 40, 10_000, 100_000, 1_000_000 }) {
			double fast = medianMillis(5, () -> ((BigInteger) fastDoubling.invoke(null, n)).toString());
			String recursive = (n <= 40) ? String.format(Locale.ROOT, "%.1f ms", medianMillis(3, () -> recursive(n)))
					: "(not run: exponential)";
			report.append(String.format(Locale.ROOT, "| %,d | %.3f ms | %s |%n", n, fast, recursive));
		}
		System.out.println(report);
		Path out = Path.of("target/bench/rpc.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report.toString());
		System.out.println("Written to " + out);
	}

	/** The tutorial's RPCClient, with direct reply-to instead of a callback queue per call. */
	static Call rawCaller(ConnectionFactory factory) throws Exception {
		Connection connection = factory.newConnection();
		Channel channel = connection.createChannel();
		BlockingQueue<String> replies = new ArrayBlockingQueue<>(1);
		channel.basicConsume("amq.rabbitmq.reply-to", true,
				(tag, delivery) -> replies.add(new String(delivery.getBody(), StandardCharsets.UTF_8)), (tag) -> {
				});
		return () -> {
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to")
				.correlationId(UUID.randomUUID().toString())
				.contentType("text/plain")
				.build();
			channel.basicPublish("", "rpc_queue", properties, "30".getBytes(StandardCharsets.UTF_8));
			String reply = replies.poll(5, TimeUnit.SECONDS);
			if (!"832040".equals(reply)) {
				throw new IllegalStateException("reply " + reply);
			}
		};
	}

	static Run run(CallerFactory factory, int clients, int seconds) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		List<long[]> latencies = new ArrayList<>();
		long[] counts = new long[clients];
		long[] errors = new long[clients];
		CountDownLatch done = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			int index = c;
			long[] mine = new long[2_000_000];
			latencies.add(mine);
			Call call = factory.open();
			Thread thread = new Thread(() -> {
				try {
					while (System.nanoTime() < deadline && counts[index] < mine.length) {
						long started = System.nanoTime();
						try {
							call.call();
							mine[(int) counts[index]++] = System.nanoTime() - started;
						}
						catch (Exception ex) {
							errors[index]++;
						}
					}
				}
				finally {
					done.countDown();
				}
			});
			thread.start();
		}
		done.await();
		long total = Arrays.stream(counts).sum();
		long[] all = new long[(int) total];
		int at = 0;
		for (int c = 0; c < clients; c++) {
			System.arraycopy(latencies.get(c), 0, all, at, (int) counts[c]);
			at += (int) counts[c];
		}
		Arrays.sort(all);
		return new Run(total / (double) seconds, percentile(all, 0.50), percentile(all, 0.99),
				Arrays.stream(errors).sum());
	}

	static double percentile(long[] sorted, double p) {
		return (sorted.length == 0) ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
	}

	static String row(int clients, String path, List<Run> runs) {
		double[] rates = runs.stream().mapToDouble(Run::perSecond).sorted().toArray();
		return String.format(Locale.ROOT, "| %d | %s | %,.0f (%,.0f–%,.0f) | %.2f | %.2f | %d |%n", clients, path,
				median(rates), rates[0], rates[rates.length - 1],
				median(runs.stream().mapToDouble(Run::p50Millis).toArray()),
				median(runs.stream().mapToDouble(Run::p99Millis).toArray()),
				runs.stream().mapToLong(Run::errors).sum());
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	interface Work {

		Object run() throws Exception;

	}

	static double medianMillis(int times, Work work) throws Exception {
		work.run();
		double[] millis = new double[times];
		for (int i = 0; i < times; i++) {
			long started = System.nanoTime();
			work.run();
			millis[i] = (System.nanoTime() - started) / 1e6;
		}
		return median(millis);
	}

	/** The tutorial's server-side fib, as written there. */
	static long recursive(int n) {
		if (n == 0) {
			return 0;
		}
		if (n == 1) {
			return 1;
		}
		return recursive(n - 1) + recursive(n - 2);
	}

}
