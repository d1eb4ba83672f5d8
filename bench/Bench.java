import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

/**
 * The benchmark (bench/README.md), run by bench/run: each scenario, ours against its anchor doing
 * the same work, interleaved, on the local RabbitMQ. Arguments: seconds per run, repetitions.
 */
public class Bench {

	static final int PORT = 18080;

	static final String BASE = "http://127.0.0.1:" + PORT;

	static final Path OUT = Path.of("target", "bench");

	static final String TASK_QUEUE = "task_queue";

	static int seconds;

	static int repetitions;

	static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	static final ConnectionFactory amqp = new ConnectionFactory();

	/** One run's figures: a rate, and latencies where the tool gives them (NaN where not). */
	record Run(double rate, double p50Millis, double p99Millis, long errors) {
	}

	/** A scenario's result: ours and the anchor's runs, how to compare them, the target. */
	record Result(String id, String ours, String anchor, String unit, List<Run> oursRuns, List<Run> anchorRuns,
			Comparison comparison, String target) {

		double[] ratios() {
			double[] ratios = new double[this.oursRuns.size()];
			for (int i = 0; i < ratios.length; i++) {
				ratios[i] = this.comparison.ratio(this.oursRuns.get(i), this.anchorRuns.get(i));
			}
			return ratios;
		}

		boolean met() {
			return this.comparison.met(this);
		}

	}

	interface Comparison {

		double ratio(Run ours, Run anchor);

		boolean met(Result result);

		/** Ours / anchor on rates, at least {@code target} at the median. */
		static Comparison rateAtLeast(double target) {
			return new Comparison() {
				public double ratio(Run ours, Run anchor) {
					return ours.rate() / anchor.rate();
				}

				public boolean met(Result result) {
					return median(result.ratios()) >= target;
				}
			};
		}

		/** Ours / anchor on times (a lower ratio is better), at most {@code target} at the median. */
		static Comparison timeAtMost(double target) {
			return new Comparison() {
				public double ratio(Run ours, Run anchor) {
					return ours.p50Millis() / anchor.p50Millis();
				}

				public boolean met(Result result) {
					return median(result.ratios()) <= target;
				}
			};
		}

		/** Ours / anchor on rates for the ratio; met when our median p50 is within {@code millis} of the anchor's. */
		static Comparison p50Within(double millis) {
			return new Comparison() {
				public double ratio(Run ours, Run anchor) {
					return ours.rate() / anchor.rate();
				}

				public boolean met(Result result) {
					return median(result.oursRuns().stream().mapToDouble(Run::p50Millis).toArray()) <= millis
							+ median(result.anchorRuns().stream().mapToDouble(Run::p50Millis).toArray());
				}
			};
		}

	}

	public static void main(String[] args) throws Exception {
		seconds = Integer.parseInt(args[0]);
		repetitions = Integer.parseInt(args[1]);
		amqp.setHost("127.0.0.1");
		Files.createDirectories(OUT);
		String broker;
		try (Connection connection = amqp.newConnection()) {
			broker = connection.getServerProperties().get("product") + " "
					+ connection.getServerProperties().get("version") + " at 127.0.0.1:5672";
		}
		List<String> only = List.of(System.getProperty("bench.only", "").split("[, ]+"));
		java.util.function.Predicate<String> wanted = (id) -> only.equals(List.of("")) || only.contains(id);
		List<Result> results = new ArrayList<>();
		if (wanted.test("1")) {
			try (Service service = Service.start("publish", "--spring.rabbitmq.listener.simple.auto-startup=false",
					"--spring.rabbitmq.listener.direct.auto-startup=false")) {
				progress(results, publishing());
			}
		}
		if (wanted.test("2")) {
			progress(results, List.of(draining()));
		}
		if (wanted.test("3") || wanted.test("4") || wanted.test("6")) {
			try (Service service = Service.start("patterns")) {
				if (wanted.test("3")) {
					progress(results, List.of(fanout(service)));
				}
				if (wanted.test("4")) {
					progress(results, rpc());
				}
				if (wanted.test("6")) {
					progress(results, List.of(bigFib()));
				}
			}
		}
		List<String> startup = wanted.test("7") ? startup() : List.of();
		String report = report(broker, results, startup);
		System.out.println(report);
		Files.writeString(OUT.resolve("results.md"), report);
		System.out.println("Written to " + OUT.resolve("results.md"));
	}

	static void progress(List<Result> results, List<Result> more) {
		for (Result result : more) {
			results.add(result);
			System.out.printf(Locale.ROOT, "%s: ours %s, anchor %s, ratio %.2f%n", result.id(), figure(result.oursRuns(),
					result.unit()), figure(result.anchorRuns(), result.unit()), median(result.ratios()));
		}
	}

	// 1 and 1b: POST /api/tasks (persistent, confirmed) vs PerfTest and vs the management API

	static List<Result> publishing() throws Exception {
		String wrkOurs = "wrk -t2 -c32 -d%ds --latency -s bench/post-task.lua " + BASE + "/api/tasks";
		String wrkManagement = "wrk -t2 -c32 -d%ds --latency -s bench/management-publish.lua "
				+ "http://127.0.0.1:15672/api/exchanges/%%2F/amq.default/publish";
		Supplier<Run> ours = () -> wrk(wrkOurs);
		Supplier<Run> perfTest = () -> perfTestPublishing(1, 32);
		// the shape of 32 HTTP clients that each wait for their message's confirm: one message in flight per channel
		Supplier<Run> perfTestOneEach = () -> perfTestPublishing(32, 1);
		Supplier<Run> management = () -> wrk(wrkManagement);
		// the service's publishing without HTTP: 32 waiting clients on one shared confirm channel
		Supplier<Run> sharedChannel = () -> sharedChannelPublishing(32);
		Supplier<Run> ceiling = () -> wrk("wrk -t2 -c32 -d%ds --latency " + BASE + "/actuator/health/liveness");
		List<Run> ceilingRuns = new ArrayList<>();
		List<Run> oursRuns = new ArrayList<>();
		List<Run> perfTestRuns = new ArrayList<>();
		List<Run> managementRuns = new ArrayList<>();
		List<Run> oursAgainRuns = new ArrayList<>();
		List<Run> perfTestOneEachRuns = new ArrayList<>();
		List<Run> sharedChannelRuns = new ArrayList<>();
		warmUntilSteady(ours);
		warmUp(perfTest, management, ceiling, sharedChannel);
		for (int i = 0; i < repetitions; i++) {
			oursRuns.add(purgedAfter(ours));
			perfTestRuns.add(purgedAfter(perfTest));
			oursAgainRuns.add(purgedAfter(ours));
			managementRuns.add(purgedAfter(management));
			ceilingRuns.add(ceiling.get());
			perfTestOneEachRuns.add(purgedAfter(perfTestOneEach));
			sharedChannelRuns.add(purgedAfter(sharedChannel));
		}
		return List.of(
				new Result("1", "`POST /api/tasks`, wrk, 32 connections", "PerfTest, 1 producer, persistent, "
						+ "32 confirms in flight, to `task_queue`", "msg/s", oursRuns, perfTestRuns,
						Comparison.rateAtLeast(0.5), "≥ 0.5"),
				new Result("1b", "`POST /api/tasks`, wrk, 32 connections", "management API `POST "
						+ "/api/exchanges/%2F/amq.default/publish`, persistent, wrk, 32 connections", "req/s",
						oursAgainRuns, managementRuns, Comparison.rateAtLeast(10), "≥ 10"),
				new Result("1c", "the ceiling: `GET /actuator/health/liveness` (no AMQP, no body), wrk, 32 connections",
						"PerfTest, as in 1", "req/s", ceilingRuns, perfTestRuns, Comparison.rateAtLeast(0),
						"— (reported: what HTTP alone allows here)"),
				new Result("1d", "PerfTest shaped like 32 HTTP clients: 32 producers, 1 confirm in flight each",
						"PerfTest, as in 1", "msg/s", perfTestOneEachRuns, perfTestRuns, Comparison.rateAtLeast(0),
						"— (reported: what one message in flight per channel allows)"),
				new Result("1e", "the raw client shaped like the service: 32 threads sharing one confirm channel "
						+ "(Netty), each waiting for its own confirm", "PerfTest, as in 1", "msg/s", sharedChannelRuns,
						perfTestRuns, Comparison.rateAtLeast(0),
						"— (reported: what the service's way of publishing allows without HTTP)"));
	}

	/**
	 * The service's way of publishing, without HTTP: threads of the raw client sharing one channel
	 * in confirm mode on one connection with non-blocking IO (the client's Netty transport), as
	 * {@code PipelinedSender}'s, each publishing a persistent message to task_queue (with a
	 * {@code message_id}, as the service's) and waiting for its own confirm, matched through the
	 * publisher confirms tutorial's map of outstanding confirms.
	 */
	static final class SharedConfirmChannel implements AutoCloseable {

		private static final byte[] BODY = "bench task".getBytes(StandardCharsets.UTF_8);

		/** One IO thread of its own, as the service's {@code ClientEventLoop}. */
		private final EventLoopGroup eventLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

		private final Connection connection;

		private final Channel channel;

		private final ConcurrentNavigableMap<Long, CompletableFuture<Boolean>> inFlight = new ConcurrentSkipListMap<>();

		SharedConfirmChannel() throws Exception {
			ConnectionFactory factory = amqp.clone();
			factory.netty().eventLoopGroup(this.eventLoop);
			this.connection = factory.newConnection();
			this.channel = this.connection.createChannel();
			this.channel.confirmSelect();
			this.channel.addConfirmListener((sequence, multiple) -> confirmed(sequence, multiple, true),
					(sequence, multiple) -> confirmed(sequence, multiple, false));
		}

		void publish() throws Exception {
			AMQP.BasicProperties properties = MessageProperties.PERSISTENT_TEXT_PLAIN.builder()
				.messageId(UUID.randomUUID().toString())
				.build();
			CompletableFuture<Boolean> confirm = new CompletableFuture<>();
			synchronized (this.channel) {
				this.inFlight.put(this.channel.getNextPublishSeqNo(), confirm);
				this.channel.basicPublish("", TASK_QUEUE, properties, BODY);
			}
			if (!confirm.get(5, TimeUnit.SECONDS)) {
				throw new IllegalStateException("nacked");
			}
		}

		private void confirmed(long sequence, boolean multiple, boolean ack) {
			Map<Long, CompletableFuture<Boolean>> confirmed = multiple ? this.inFlight.headMap(sequence, true)
					: this.inFlight.subMap(sequence, true, sequence, true);
			confirmed.values().forEach((confirm) -> confirm.complete(ack));
			confirmed.clear();
		}

		@Override
		public void close() throws Exception {
			try {
				this.connection.close();
			}
			finally {
				this.eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
			}
		}

	}

	/** {@code clients} threads publishing through one {@link SharedConfirmChannel} for {@link #seconds}. */
	static Run sharedChannelPublishing(int clients) {
		try (SharedConfirmChannel shared = new SharedConfirmChannel()) {
			return callsFor(Collections.nCopies(clients, shared::publish));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** PerfTest publishing persistent messages to task_queue, each producer with that many confirms in flight. */
	static Run perfTestPublishing(int producers, int confirmsInFlight) {
		return perfTest("-x", Integer.toString(producers), "-y", "0", "--predeclared", "--queue", TASK_QUEUE,
				"--routing-key", TASK_QUEUE, "--exchange", "", "--flag", "persistent", "--confirm",
				Integer.toString(confirmsInFlight));
	}

	// 2: two workers (manual ack, prefetch 1) draining a pre-filled task_queue

	/**
	 * Each repetition measures ours (the service started with its workers) and PerfTest's two
	 * consumers on the same queue, each warmed up until its drains are steady, and the two take
	 * turns at going first, so that neither is always the one that follows scenario 1's load or a
	 * fresh JVM start.
	 */
	static Result draining() throws Exception {
		int tasks = 3_000 * seconds;
		List<Run> oursRuns = new ArrayList<>();
		List<Run> anchorRuns = new ArrayList<>();
		for (int i = 0; i < repetitions; i++) {
			if (i % 2 == 0) {
				oursRuns.add(oursDraining(tasks));
				anchorRuns.add(perfTestDraining(tasks));
			}
			else {
				anchorRuns.add(perfTestDraining(tasks));
				oursRuns.add(oursDraining(tasks));
			}
		}
		return new Result("2", "worker-1 and worker-2 draining " + String.format(Locale.ROOT, "%,d", tasks)
				+ " tasks (manual ack, prefetch 1, no simulated work)", "PerfTest, 2 consumers, manual ack, "
				+ "prefetch 1, same queue", "msg/s", oursRuns, anchorRuns, Comparison.rateAtLeast(0.9), "≥ 0.9");
	}

	static Run oursDraining(int tasks) throws Exception {
		try (Service service = Service.start("workers")) {
			return steadyDrain(tasks);
		}
		finally {
			purge();
		}
	}

	static Run perfTestDraining(int tasks) throws Exception {
		Process perfTest = perfTestProcess("-x", "0", "-y", "2", "--qos", "1", "--predeclared", "--queue", TASK_QUEUE,
				"--time", Integer.toString(seconds * 20 + 60));
		try {
			return steadyDrain(tasks);
		}
		finally {
			perfTest.destroy();
			perfTest.waitFor(30, TimeUnit.SECONDS);
			purge();
		}
	}

	/**
	 * With the consumers attached: fills and drains, not measured, until a drain's rate is within
	 * 5 % of the one before (at most 5), as {@link #warmUntilSteady} does for the other scenarios;
	 * then one more, whose drain is measured from the end of its fill.
	 */
	static Run steadyDrain(int tasks) throws Exception {
		untilSteady(() -> filledAndDrained(tasks), 5);
		return filledAndDrained(tasks);
	}

	static Run filledAndDrained(int tasks) throws Exception {
		fill(tasks);
		return drainRate(tasks);
	}

	/** Publishes {@code count} persistent tasks to task_queue, confirmed. */
	static void fill(int count) throws Exception {
		try (Connection connection = amqp.newConnection(); Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			byte[] body = "bench task".getBytes(StandardCharsets.UTF_8);
			for (int i = 1; i <= count; i++) {
				channel.basicPublish("", TASK_QUEUE, MessageProperties.PERSISTENT_TEXT_PLAIN, body);
				if (i % 1000 == 0) {
					channel.waitForConfirmsOrDie(30_000);
				}
			}
			channel.waitForConfirmsOrDie(30_000);
		}
	}

	/**
	 * The rate at which task_queue empties, sampled every 50 ms, between the moments it holds 90 %
	 * and 10 % of {@code count} (so that starting and stopping consumers does not count).
	 */
	static Run drainRate(int count) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds * 3L + 60);
		long highAt = 0;
		long highDepth = 0;
		try (Connection connection = amqp.newConnection(); Channel channel = connection.createChannel()) {
			while (System.nanoTime() < deadline) {
				long depth = channel.queueDeclarePassive(TASK_QUEUE).getMessageCount();
				long now = System.nanoTime();
				if (highAt == 0 && depth <= count * 0.9) {
					highAt = now;
					highDepth = depth;
				}
				if (highAt != 0 && depth <= count * 0.1) {
					return new Run((highDepth - depth) / ((now - highAt) / 1e9), Double.NaN, Double.NaN, 0);
				}
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("task_queue did not drain; see " + OUT);
	}

	// 3: fan-out deliveries

	static Result fanout(Service service) throws Exception {
		List<Run> oursRuns = new ArrayList<>();
		List<Run> anchorRuns = new ArrayList<>();
		for (int i = 0; i <= repetitions; i++) {
			Run ours = subscribersTaking(service);
			service.awaitSubscribersIdle();
			Run anchor = perfTest("-x", "1", "-y", "2", "--exchange", "bench_fanout", "--type", "fanout",
					"--auto-delete", "true", "--autoack");
			if (i > 0) {
				oursRuns.add(ours);
				anchorRuns.add(anchor);
			}
		}
		return new Result("3", "logs-subscriber-1 and -2 (autoack) taking what PerfTest publishes to `logs` (deliveries)",
				"PerfTest, fanout, 1 producer, 2 queues with an autoack consumer each (deliveries)", "deliveries/s", oursRuns,
				anchorRuns, Comparison.rateAtLeast(0.8), "≥ 0.8");
	}

	/**
	 * The subscribers' deliveries per second while PerfTest publishes to {@code logs}: counted over
	 * {@code seconds} that start once they take its messages (so PerfTest's start is not counted,
	 * as it is not in its own rates), and end before it stops.
	 */
	static Run subscribersTaking(Service service) throws Exception {
		Process perfTest = perfTestProcess("-x", "1", "-y", "0", "--predeclared", "--exchange", "logs", "--type",
				"fanout", "--time", Integer.toString(seconds + 3));
		Run ours;
		try {
			long idle = service.subscriberDeliveries();
			long before = idle;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (before == idle) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The subscribers took nothing in 30 s; see " + OUT.resolve("perf-test.log"));
				}
				Thread.sleep(20);
				before = service.subscriberDeliveries();
			}
			long started = System.nanoTime();
			Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
			long after = service.subscriberDeliveries();
			ours = new Run((after - before) / ((System.nanoTime() - started) / 1e9), Double.NaN, Double.NaN, 0);
		}
		catch (Exception ex) {
			perfTest.destroyForcibly();
			throw ex;
		}
		awaitEnd(perfTest);
		return ours;
	}

	// 4 and 5: RPC round trips

	static List<Result> rpc() throws Exception {
		List<Result> results = new ArrayList<>();
		for (int clients : new int[] { 1, 8 }) {
			Supplier<Run> ours = () -> wrk("wrk -t1 -c" + clients + " -d%ds --latency -s bench/get-fib.lua " + BASE
					+ "/api/fib/30");
			warmUntilSteady(ours);
			rawCalls(clients);
			List<Run> oursRuns = new ArrayList<>();
			List<Run> rawRuns = new ArrayList<>();
			for (int i = 0; i < repetitions; i++) {
				oursRuns.add(ours.get());
				rawRuns.add(rawCalls(clients));
			}
			results.add((clients == 1)
					? new Result("4", "`GET /api/fib/30`, wrk, 1 connection (sequential)", "raw amqp-client RPC, "
							+ "direct reply-to, same fib-server", "calls/s", oursRuns, rawRuns, Comparison.p50Within(0.5),
							"p50 ≤ anchor p50 + 0.5 ms")
					: new Result("5", "`GET /api/fib/30`, wrk, 8 connections", "raw amqp-client RPC, 8 clients, same "
							+ "fib-server (prefetch 1)", "calls/s", oursRuns, rawRuns, Comparison.rateAtLeast(0.6),
							"≥ 0.6"));
		}
		return results;
	}

	/** The tutorial's {@code RPCClient} on the raw client: direct reply-to, one call at a time. */
	static final class RawRpcClient implements AutoCloseable {

		private final Connection connection;

		private final Channel channel;

		private final BlockingQueue<String> replies = new ArrayBlockingQueue<>(1);

		RawRpcClient() throws Exception {
			this.connection = amqp.newConnection();
			this.channel = this.connection.createChannel();
			this.channel.basicConsume("amq.rabbitmq.reply-to", true,
					(tag, delivery) -> this.replies.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
					(tag) -> {
					});
		}

		void call() throws Exception {
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to")
				.correlationId(UUID.randomUUID().toString())
				.contentType("text/plain")
				.build();
			this.channel.basicPublish("", "rpc_queue", properties, "30".getBytes(StandardCharsets.UTF_8));
			String reply = this.replies.poll(5, TimeUnit.SECONDS);
			if (!"832040".equals(reply)) {
				throw new IllegalStateException("reply " + reply);
			}
		}

		@Override
		public void close() throws Exception {
			this.connection.close();
		}

	}

	/** {@code clients} raw RPC clients calling for {@link #seconds}, each as fast as its answers come. */
	static Run rawCalls(int clients) throws Exception {
		List<RawRpcClient> opened = new ArrayList<>();
		try {
			for (int c = 0; c < clients; c++) {
				opened.add(new RawRpcClient());
			}
			return callsFor(opened.stream().<Call>map((client) -> client::call).toList());
		}
		finally {
			for (RawRpcClient client : opened) {
				client.close();
			}
		}
	}

	/** One call of a client that waits for its answer: an RPC, a publish and its confirm. */
	interface Call {

		void call() throws Exception;

	}

	/**
	 * Each of {@code callers} calling, on a thread of its own, for {@link #seconds}, as fast as its
	 * answers come: the calls per second, their latencies, and the calls that failed.
	 */
	static Run callsFor(List<Call> callers) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		int clients = callers.size();
		List<long[]> latencies = new ArrayList<>();
		long[] counts = new long[clients];
		long[] errors = new long[clients];
		CountDownLatch done = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			int index = c;
			Call caller = callers.get(c);
			long[] mine = new long[2_000_000];
			latencies.add(mine);
			Thread thread = new Thread(() -> {
				try {
					while (System.nanoTime() < deadline && counts[index] < mine.length) {
						long started = System.nanoTime();
						try {
							caller.call();
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

	// 6: a million-digit answer over HTTP vs the tutorial's recursive fib(40)

	static Result bigFib() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/api/fib/1000000")).GET().build();
		Supplier<Run> ours = () -> time(() -> {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || !response.body().contains("\"digits\":208988")) {
				throw new IllegalStateException(response.statusCode() + " " + response.body().substring(0, 200));
			}
		});
		Supplier<Run> recursive = () -> time(() -> {
			if (recursive(40) != 102_334_155L) {
				throw new IllegalStateException("fib(40)");
			}
		});
		warmUp(ours, recursive);
		List<Run> oursRuns = new ArrayList<>();
		List<Run> anchorRuns = new ArrayList<>();
		for (int i = 0; i < Math.max(5, repetitions); i++) {
			oursRuns.add(ours.get());
			anchorRuns.add(recursive.get());
		}
		return new Result("6", "`GET /api/fib/1000000` end to end (208,988 digits)", "the tutorial's recursive "
				+ "fib(40), in-process", "ms", oursRuns, anchorRuns, Comparison.timeAtMost(0.5), "≤ 0.5");
	}

	interface Work {

		void run() throws Exception;

	}

	/** One timed run of {@code work}, as a run whose p50 is its time. */
	static Run time(Work work) {
		long started = System.nanoTime();
		try {
			work.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		double millis = (System.nanoTime() - started) / 1e6;
		return new Run(1000 / millis, millis, millis, 0);
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

	// 7: start to ready, and memory after a load

	static List<String> startup() throws Exception {
		List<String> rows = new ArrayList<>();
		String[][] variants = { { "embedded broker", "--amqp-patterns.embedded-broker.enabled=true" },
				{ "external broker (local RabbitMQ)" } };
		List<Double> anchorStarts = new ArrayList<>();
		List<Long> anchorRss = new ArrayList<>();
		List<List<Double>> starts = List.of(new ArrayList<>(), new ArrayList<>());
		List<List<Long>> rss = List.of(new ArrayList<>(), new ArrayList<>());
		for (int i = 0; i < Math.max(3, repetitions); i++) {
			for (int v = 0; v < variants.length; v++) {
				try (Service service = Service.start("startup", Arrays.copyOfRange(variants[v], 1, variants[v].length))) {
					starts.get(v).add(service.startMillis);
					wrk("wrk -t2 -c8 -d%ds -s bench/post-hello.lua " + BASE + "/api/hello");
					rss.get(v).add(service.rssKib());
				}
			}
			try (Service anchor = Service.startNoAmqp()) {
				anchorStarts.add(anchor.startMillis);
				wrk("wrk -t2 -c8 -d%ds " + BASE + "/actuator/health");
				anchorRss.add(anchor.rssKib());
			}
		}
		double anchorStart = median(anchorStarts.stream().mapToDouble(Double::doubleValue).toArray());
		for (int v = 0; v < variants.length; v++) {
			double start = median(starts.get(v).stream().mapToDouble(Double::doubleValue).toArray());
			rows.add(String.format(Locale.ROOT, "| %s | %,.0f ms (%,.0f–%,.0f) | %,.0f ms | %.2f | %,d MiB | ≤ 2 | %s |",
					variants[v][0], start, min(starts.get(v)), max(starts.get(v)), anchorStart, start / anchorStart,
					medianLong(rss.get(v)) / 1024, (start / anchorStart <= 2) ? "✔" : "✘"));
		}
		rows.add(String.format(Locale.ROOT, "| anchor: the same Boot web stack, no AMQP | %,.0f ms (%,.0f–%,.0f) | | | %,d MiB | | |",
				anchorStart, min(anchorStarts), max(anchorStarts), medianLong(anchorRss) / 1024));
		return rows;
	}

	// the tools

	/** Runs wrk for {@code seconds} (the command has a %d for it) and reads its figures. */
	static Run wrk(String command) {
		String output = exec(String.format(Locale.ROOT, command, seconds).split(" "));
		Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
		if (!rate.find()) {
			throw new IllegalStateException("wrk printed no rate:\n" + output);
		}
		Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
		Matcher socketErrors = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)")
			.matcher(output);
		Matcher wrong = Pattern.compile("Wrong answers: (\\d+)").matcher(output); // bench/get-fib.lua
		long errors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
		errors += wrong.find() ? Long.parseLong(wrong.group(1)) : 0;
		if (socketErrors.find()) {
			for (int g = 1; g <= 4; g++) {
				errors += Long.parseLong(socketErrors.group(g));
			}
		}
		return new Run(Double.parseDouble(rate.group(1)), wrkPercentile(output, "50"), wrkPercentile(output, "99"),
				errors);
	}

	static double wrkPercentile(String output, String percent) {
		Matcher matcher = Pattern.compile("\\s" + percent + "%\\s+([0-9.]+)(us|ms|s)").matcher(output);
		if (!matcher.find()) {
			return Double.NaN;
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

	static Process perfTestProcess(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx512m", "-cp",
				System.getProperty("bench.anchors.classpath"), "com.rabbitmq.perf.PerfTest", "--uri",
				"amqp://guest:guest@127.0.0.1:5672"));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(OUT.resolve("perf-test.log").toFile())
			.start();
	}

	/** Waits for a PerfTest run of at most {@code seconds} (plus its start and end) to end. */
	static void awaitEnd(Process perfTest) throws InterruptedException {
		if (!perfTest.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
			perfTest.destroyForcibly();
			throw new IllegalStateException("PerfTest did not end; see " + OUT.resolve("perf-test.log"));
		}
	}

	/** Runs PerfTest for {@code seconds}; its average rate (receiving where it consumes) and latencies. */
	static Run perfTest(String... arguments) {
		try {
			List<String> timed = new ArrayList<>(List.of(arguments));
			timed.addAll(List.of("--time", Integer.toString(seconds)));
			awaitEnd(perfTestProcess(timed.toArray(String[]::new)));
			String output = Files.readString(OUT.resolve("perf-test.log"));
			Matcher sending = Pattern.compile("sending rate avg: ([0-9.]+) msg/s").matcher(output);
			Matcher receiving = Pattern.compile("receiving rate avg: ([0-9.]+) msg/s").matcher(output);
			if (!sending.find() || !receiving.find()) {
				throw new IllegalStateException("PerfTest printed no rates:\n" + output);
			}
			double received = Double.parseDouble(receiving.group(1));
			double rate = (received > 0) ? received : Double.parseDouble(sending.group(1));
			// per-second lines: "min/median/75th/95th/99th confirm latency: a/b/c/d/e µs" (or consumer latency)
			Matcher latency = Pattern.compile("min/median/75th/95th/99th (?:confirm|consumer) latency: "
					+ "(\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) (µs|ms)").matcher(output);
			List<Double> p50 = new ArrayList<>();
			List<Double> p99 = new ArrayList<>();
			while (latency.find()) {
				double unit = latency.group(6).equals("µs") ? 1000 : 1;
				p50.add(Double.parseDouble(latency.group(2)) / unit);
				p99.add(Double.parseDouble(latency.group(5)) / unit);
			}
			return new Run(rate, p50.isEmpty() ? Double.NaN : median(p50.stream().mapToDouble(Double::doubleValue).toArray()),
					p99.isEmpty() ? Double.NaN : median(p99.stream().mapToDouble(Double::doubleValue).toArray()), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Full-length runs of our long-running service, not measured, until one is within 5 % of the
	 * one before (at most 6): on a slow 2-core machine its JIT took over a minute of load to settle,
	 * and one run left the first measured repetition at a third of the last. The anchors start a
	 * new JVM for every run (PerfTest) or warm up within it, so one run of theirs is enough.
	 */
	static void warmUntilSteady(Supplier<Run> ours) throws Exception {
		untilSteady(() -> purgedAfter(ours), 6);
	}

	/** Runs {@code run} until its rate is within 5 % of the run before, at most {@code most} times. */
	static void untilSteady(Callable<Run> run, int most) throws Exception {
		double last = run.call().rate();
		for (int i = 1; i < most; i++) {
			double rate = run.call().rate();
			if (Math.abs(rate - last) <= 0.05 * last) {
				return;
			}
			last = rate;
		}
	}

	/**
	 * One full-length run of each, not measured: on 2 cores the JIT needs several seconds under
	 * load before a path runs at its speed (a 2 s warm-up left the first measured run at a quarter
	 * of the later ones).
	 */
	@SafeVarargs
	static void warmUp(Supplier<Run>... runs) throws Exception {
		for (Supplier<Run> run : runs) {
			purgedAfter(run);
		}
	}

	static Run purgedAfter(Supplier<Run> run) throws Exception {
		try {
			return run.get();
		}
		finally {
			purge();
		}
	}

	static void purge() throws Exception {
		try (Connection connection = amqp.newConnection(); Channel channel = connection.createChannel()) {
			channel.queuePurge(TASK_QUEUE);
		}
	}

	static String exec(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/** The service (or the no-AMQP anchor) in a process of its own, on {@link #PORT}. */
	static final class Service implements AutoCloseable {

		final Process process;

		final double startMillis;

		private Service(Process process, double startMillis) {
			this.process = process;
			this.startMillis = startMillis;
		}

		static Service start(String name, String... arguments) throws Exception {
			List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx1g", "-cp",
					System.getProperty("bench.service.classpath"), "io.github.amqppatterns.AmqpPatternsApplication",
					"--server.port=" + PORT));
			if (Arrays.stream(arguments).noneMatch((argument) -> argument.contains("embedded-broker"))) {
				command.add("--spring.rabbitmq.host=127.0.0.1");
			}
			command.addAll(List.of(arguments));
			String extra = System.getProperty("bench.service.args", "").trim();
			if (!extra.isEmpty()) {
				command.addAll(List.of(extra.split("\\s+")));
			}
			return launch(name, command, OUT.resolve("service-" + name + ".log"));
		}

		static Service startNoAmqp() throws Exception {
			return launch("no-AMQP anchor", List.of(javaCommand(), "-Xmx1g", "-cp", System.getProperty("bench.noamqp.classpath"),
					"bench.NoAmqpApplication", "--server.port=" + PORT,
					"--management.endpoint.health.group.readiness.include=readinessState"), OUT.resolve("no-amqp.log"));
		}

		private static Service launch(String name, List<String> command, Path log) throws Exception {
			long started = System.nanoTime();
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			HttpRequest ready = HttpRequest.newBuilder(URI.create(BASE + "/actuator/health/readiness")).GET().build();
			long deadline = started + TimeUnit.SECONDS.toNanos(90);
			while (System.nanoTime() < deadline && process.isAlive()) {
				try {
					if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return new Service(process, (System.nanoTime() - started) / 1e6);
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

		/** Deliveries to the two `logs` subscribers so far, from the listener timers in /actuator/prometheus. */
		long subscriberDeliveries() throws Exception {
			String metrics = http.send(HttpRequest.newBuilder(URI.create(BASE + "/actuator/prometheus")).GET().build(),
					HttpResponse.BodyHandlers.ofString()).body();
			Matcher matcher = Pattern.compile("spring_rabbit_listener_seconds_count\\{[^}]*listener_id=\"logs-subscriber-[12]\"[^}]*} ([0-9.E]+)")
				.matcher(metrics);
			long total = 0;
			while (matcher.find()) {
				total += (long) Double.parseDouble(matcher.group(1));
			}
			return total;
		}

		/** Waits until the subscribers have caught up with what was published (their count stops moving). */
		void awaitSubscribersIdle() throws Exception {
			long last = -1;
			for (int i = 0; i < 600; i++) {
				long now = subscriberDeliveries();
				if (now == last) {
					return;
				}
				last = now;
				Thread.sleep(500);
			}
		}

		long rssKib() throws IOException {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
			return -1;
		}

		@Override
		public void close() throws Exception {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

	// the report

	static String report(String broker, List<Result> results, List<String> startup) {
		StringBuilder report = new StringBuilder();
		report.append("# Benchmark: ours against the anchors\n\n")
			.append(String.format(Locale.ROOT, "%s; %s, %d cores, %s; `bench/run %d %d`: %d s per run, %d "
					+ "repetitions, ours and the anchor interleaved. Rates and ratios: median (min–max) over the "
					+ "repetitions; p50 and p99 in ms, medians.%n%n", LocalDate.now(), broker,
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
							+ System.getProperty("java.version"),
					seconds, repetitions, seconds, repetitions))
			.append("| # | ours | anchor | ours | anchor | ratio | ours p50 / p99 | anchor p50 / p99 | target | met |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|\n");
		for (Result result : results) {
			double[] ratios = result.ratios();
			report.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.2f (%.2f–%.2f) | %s | %s | %s | %s |%n",
					result.id(), result.ours(), result.anchor(), figure(result.oursRuns(), result.unit()),
					figure(result.anchorRuns(), result.unit()), median(ratios), Arrays.stream(ratios).min().orElse(0),
					Arrays.stream(ratios).max().orElse(0), latencies(result.oursRuns()), latencies(result.anchorRuns()),
					result.target(), result.target().startsWith("—") ? "—" : result.met() ? "✔" : "✘"));
		}
		long errors = results.stream()
			.flatMap((result) -> java.util.stream.Stream.concat(result.oursRuns().stream(), result.anchorRuns().stream()))
			.mapToLong(Run::errors)
			.sum();
		report.append(String.format(Locale.ROOT, "%nErrors (non-2xx answers, socket errors, wrong answers): %d%n", errors));
		report.append("\n## 7. Start to ready, and RSS after a 1-run load\n\n")
			.append("| service | start to ready | anchor | ratio | RSS | target | met |\n|---|---|---|---|---|---|---|\n");
		startup.forEach((row) -> report.append(row).append('\n'));
		return report.toString();
	}

	static String figure(List<Run> runs, String unit) {
		double[] values = runs.stream()
			.mapToDouble((run) -> unit.equals("ms") ? run.p50Millis() : run.rate())
			.toArray();
		return String.format(Locale.ROOT, "%,.0f %s (%,.0f–%,.0f)", median(values), unit,
				Arrays.stream(values).min().orElse(0), Arrays.stream(values).max().orElse(0));
	}

	static String latencies(List<Run> runs) {
		double p50 = median(runs.stream().mapToDouble(Run::p50Millis).toArray());
		double p99 = median(runs.stream().mapToDouble(Run::p99Millis).toArray());
		return Double.isNaN(p50) ? "—" : String.format(Locale.ROOT, "%.2f / %.2f", p50, p99);
	}

	static double percentile(long[] sorted, double p) {
		return (sorted.length == 0) ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return (sorted.length == 0) ? Double.NaN : sorted[sorted.length / 2];
	}

	static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	static long medianLong(List<Long> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

}
