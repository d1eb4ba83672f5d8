package bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scenarios 12 and 13, the cost of a message as its work grows; no anchor: each variant against the
 * first, in the same service and repetitions. 12: scenario 1's {@code POST /api/tasks} (listeners
 * stopped, {@code task_queue} purged after every run) with bodies of 100 B, 10 KB and 1 MB; the
 * service starts with {@code --amqp-patterns.max-body-size=1MB}, as 1 MB is over its 64 KB default.
 * 13: {@code POST /api/topics/{key}} (tutorial 5, its subscribers Q1 and Q2 running) over 1, 100 and
 * 10,000 distinct keys {@code kN.orange.rabbit}, each taken by both queues. A row: the rate (wrk, 32
 * connections) and the service's CPU time per published message ({@code /proc/PID/stat} user +
 * system over the run, in 13 until the subscribers have taken every delivery, over rate × seconds:
 * the JIT compiler's and the garbage collector's threads included).
 */
final class Growth {

	private static final Pattern TOPIC_DELIVERIES = Pattern
		.compile("spring_rabbit_listener_seconds_count\\{[^}]*listener_id=\"Q[12]\"[^}]*} ([0-9.E]+)");

	private Growth() {
	}

	/** One variant's runs: the rate and latencies of each, its CPU per message, its memory after the last. */
	record Row(String variant, List<Run> runs, List<Double> cpuMicros, Memory memory) {
	}

	/** A growth table: its id, its heading, what is measured, what grows, a note, its rows (the first is the base). */
	record Table(String id, String heading, String title, String grows, String note, List<Row> rows) {

		long errors() {
			return this.rows.stream().flatMap((row) -> row.runs().stream()).mapToLong(Run::errors).sum();
		}

	}

	/** What a variant posts: its label, the path, wrk's script and the script's arguments. */
	private record Variant(String label, String path, String script, String... scriptArguments) {
	}

	static Table bodies(Settings settings) throws Exception {
		List<Variant> variants = List.of(new Variant("100 B", "/api/tasks", "post-task-sized.lua", "100"),
				new Variant("10 KB", "/api/tasks", "post-task-sized.lua", "10240"),
				new Variant("1 MB", "/api/tasks", "post-task-sized.lua", "1048576"));
		Broker node = settings.node();
		try (Service service = Service.on(settings, node, "growth-bodies", "--spring.rabbitmq.listener.simple.auto-startup=false",
				"--spring.rabbitmq.listener.direct.auto-startup=false", "--amqp-patterns.max-body-size=1MB")) {
			for (Variant variant : variants) {
				postOnce(variant.path(), Integer.parseInt(variant.scriptArguments()[0]));
				node.purge(Publishing.TASK_QUEUE);
			}
			List<Row> rows = measure(settings, service, variants, () -> node.purge(Publishing.TASK_QUEUE));
			return new Table("12", "Cost as the body grows", "`POST /api/tasks` as in 1 (listeners stopped, persistent, to `task_queue`)",
					"body", "The service starts with `--amqp-patterns.max-body-size=1MB`: 1 MB is over its default "
							+ "limit of 64 KB.", rows);
		}
	}

	static Table routingKeys(Settings settings) throws Exception {
		List<Variant> variants = new ArrayList<>();
		for (int keys : new int[] { 1, 100, 10_000 }) {
			variants.add(new Variant(String.format(Locale.ROOT, "%,d", keys), "/api/topics", "post-topic.lua",
					Integer.toString(keys), "2"));
		}
		try (Service service = Service.on(settings, settings.node(), "growth-topics")) {
			postOnce("/api/topics/k0.orange.rabbit", 12);
			List<Row> rows = measure(settings, service, variants, () -> service.awaitIdle(TOPIC_DELIVERIES));
			return new Table("13", "Cost as the distinct routing keys grow", "`POST /api/topics/{key}` (tutorial 5; Q1 and Q2 take each message, each "
					+ "delivery logged and recorded)", "distinct routing keys", "Keys `k0.orange.rabbit`, "
							+ "`k1.orange.rabbit`, …, posted in turn; a run of fewer requests than keys uses that many.",
					rows);
		}
	}

	private interface Settle {

		void after() throws Exception;

	}

	/**
	 * Unmeasured runs: the first variant until steady (as 1), then one of each other; then, per
	 * repetition, each variant in turn, repetition i starting with variant i (so that none is always
	 * first after the warm-up): CPU from the run's start until {@code settle} returns.
	 */
	private static List<Row> measure(Settings settings, Service service, List<Variant> variants, Settle settle)
			throws Exception {
		WarmUp.untilSteady(() -> {
			Run run = wrk(settings, variants.get(0));
			settle.after();
			return run;
		}, 6);
		for (Variant variant : variants.subList(1, variants.size())) {
			wrk(settings, variant);
			settle.after();
		}
		List<List<Run>> runs = new ArrayList<>();
		List<List<Double>> cpu = new ArrayList<>();
		List<Memory> memory = new ArrayList<>();
		for (int v = 0; v < variants.size(); v++) {
			runs.add(new ArrayList<>());
			cpu.add(new ArrayList<>());
			memory.add(null);
		}
		for (int i = 0; i < settings.repetitions(); i++) {
			for (int turn = 0; turn < variants.size(); turn++) {
				int v = (i + turn) % variants.size();
				double before = service.cpuSeconds();
				Run run = wrk(settings, variants.get(v));
				settle.after();
				double spent = service.cpuSeconds() - before;
				runs.get(v).add(run);
				cpu.get(v).add(spent * 1e6 / (run.rate() * settings.seconds()));
				memory.set(v, service.memory());
			}
		}
		List<Row> rows = new ArrayList<>();
		for (int v = 0; v < variants.size(); v++) {
			rows.add(new Row(variants.get(v).label(), runs.get(v), cpu.get(v), memory.get(v)));
		}
		return rows;
	}

	private static Run wrk(Settings settings, Variant variant) {
		List<String> arguments = new ArrayList<>(List.of("-t2", "-c32", "--latency", "-s", "bench/wrk/" + variant.script(),
				Service.BASE + variant.path(), "--"));
		arguments.addAll(List.of(variant.scriptArguments()));
		return Wrk.run(settings.seconds(), arguments.toArray(String[]::new));
	}

	/** One request with a body of {@code bytes}, before any run: it must be a 202 (a 413 fails at once). */
	private static void postOnce(String path, int bytes) throws Exception {
		HttpResponse<String> answer = Service.HTTP.send(HttpRequest.newBuilder(URI.create(Service.BASE + path))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("x".repeat(bytes)))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 202) {
			throw new IllegalStateException("POST " + path + " with " + bytes + " bytes must answer 202; it "
					+ "answered " + answer.statusCode() + " " + answer.body());
		}
	}

}
