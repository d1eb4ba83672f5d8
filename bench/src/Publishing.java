package bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Scenarios 1, 1c, 10, 10c and 8: {@code POST /api/tasks} (persistent, confirmed, to task_queue)
 * from 32 HTTP clients that each wait for their answer, against PerfTest in the same shape: 32
 * producers, one confirm in flight each. 1 on the node, 8 on the cluster; 1c, on the node, is
 * liveness alone: what HTTP allows on this machine. 10, on the node, in the same service and the
 * same repetitions as 1: {@code POST /api/tasks?protocol=amqp-1.0} (202 once the outcome is
 * ACCEPTED) against the plain AMQP 1.0 client in the same shape ({@link PlainAmqp10}); 10c, the
 * same runs against 1's, over AMQP 0-9-1. The service runs with its listeners stopped, so the
 * queue only fills; it is purged after every run. 1, 10 and 8 are judged against their combined
 * bound ({@link Result#combinedBound}): 1 and 10 with 1c's runs, 8 with liveness runs of its own.
 */
final class Publishing {

	static final String TASK_QUEUE = "task_queue";

	private static final String[] LISTENERS_STOPPED = { "--spring.rabbitmq.listener.simple.auto-startup=false",
			"--spring.rabbitmq.listener.direct.auto-startup=false" };

	private static final String ANCHOR = "PerfTest shaped like the HTTP clients: 32 producers, 1 confirm in flight "
			+ "each, persistent, to `task_queue`";

	private static final Comparison TARGET = Comparison.boundAtLeast(0.9);

	private static final Comparison AMQP_10_TARGET = Comparison.rateAtLeast(0.8);

	private static final String OVER_AMQP_10 = "/api/tasks?protocol=amqp-1.0";

	private Publishing() {
	}

	/** Scenarios 1 and 1c, on the node; 10 and 10c with them where wanted and the node speaks AMQP 1.0. */
	static List<Result> onNode(Settings settings) throws Exception {
		boolean amqp10 = settings.wants("10");
		if (amqp10 && !settings.node().speaksAmqp10()) {
			System.out.println("10 and 10c: skipped: AMQP 1.0 publishing needs RabbitMQ 4.0 or later, the node is "
					+ settings.node().product());
			amqp10 = false;
		}
		Runs runs = measure(settings, settings.node(), "publish", amqp10);
		List<Result> results = new ArrayList<>(List.of(
				new Result("1", "`POST /api/tasks`, wrk, 32 connections", ANCHOR, "msg/s", runs.ours, runs.anchor, TARGET)
					.withLiveness(withoutErrors(runs.liveness)), // counted in 1c
				new Result("1c", "`GET /actuator/health/liveness` (no AMQP, no body), wrk, 32 connections",
						"PerfTest, as in 1", "req/s", "msg/s", runs.liveness, runs.anchor,
						Comparison.reported("what HTTP alone allows here"))));
		if (amqp10) {
			String ours = "`POST " + OVER_AMQP_10 + "`, wrk, 32 connections";
			results.add(new Result("10", ours, "plain AMQP 1.0 client shaped like the HTTP clients: 1 connection, 32 "
					+ "publishers, 1 message in flight each (outcome ACCEPTED), to `task_queue`", "msg/s", runs.amqp10,
					runs.plainAmqp10, AMQP_10_TARGET).withLiveness(withoutErrors(runs.liveness))); // counted in 1c
			// its runs' errors are counted in 10 and 1
			results.add(new Result("10c", ours, "`POST /api/tasks` over AMQP 0-9-1 (ours in 1, the same repetitions)",
					"msg/s", withoutErrors(runs.amqp10), withoutErrors(runs.ours),
					Comparison.reported("the HTTP path over AMQP 1.0 against over 0-9-1")));
		}
		return results;
	}

	/** Scenario 8: scenario 1 on the three-node cluster, PerfTest on the same cluster; liveness for its bound. */
	static Result onCluster(Settings settings) throws Exception {
		Runs runs = measure(settings, settings.cluster(), "publish-cluster", false);
		return new Result("8", "`POST /api/tasks` on the three-node cluster, wrk, 32 connections",
				ANCHOR + " on the same cluster", "msg/s", runs.ours, runs.anchor, TARGET).withLiveness(runs.liveness);
	}

	private record Runs(List<Run> ours, List<Run> anchor, List<Run> liveness, List<Run> amqp10,
			List<Run> plainAmqp10) {
	}

	/**
	 * Ours warmed up until steady, PerfTest and liveness once, ours over AMQP 1.0 until steady and
	 * the plain AMQP 1.0 client once; then, per repetition, ours, the anchor, liveness (and ours over
	 * AMQP 1.0 and the plain AMQP 1.0 client) one after the other.
	 */
	private static Runs measure(Settings settings, Broker broker, String name, boolean withAmqp10) throws Exception {
		PerfTest perfTest = new PerfTest(settings, broker);
		Callable<Run> ours = purgedAfter(broker, () -> Wrk.run(settings.seconds(), "-t2", "-c32", "--latency", "-s",
				"bench/wrk/post-task.lua", Service.BASE + "/api/tasks"));
		Callable<Run> anchor = purgedAfter(broker, () -> perfTest.publishing(32, 1));
		Callable<Run> liveness = () -> Wrk.liveness(settings.seconds());
		Runs runs = new Runs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
				new ArrayList<>());
		try (Service service = Service.on(settings, broker, name, LISTENERS_STOPPED);
				PlainAmqp10 plain = withAmqp10 ? new PlainAmqp10(broker, 32) : null) {
			Callable<Run> amqp10 = landedAfter(broker, settings.seconds(), "`POST " + OVER_AMQP_10 + "`",
					() -> Wrk.run(settings.seconds(), "-t2", "-c32", "--latency", "-s", "bench/wrk/post-task.lua",
							Service.BASE + OVER_AMQP_10));
			Callable<Run> plainAmqp10 = landedAfter(broker, settings.seconds(), "the plain AMQP 1.0 client",
					() -> plain.run(settings.seconds()));
			if (withAmqp10) {
				publishOnceOverAmqp10(broker); // before any warm-up: a missing or failing path fails at once
			}
			WarmUp.untilSteady(ours, 6);
			WarmUp.once(anchor, liveness);
			if (withAmqp10) {
				WarmUp.untilSteady(amqp10, 6);
				WarmUp.once(plainAmqp10);
			}
			for (int i = 0; i < settings.repetitions(); i++) {
				runs.ours.add(ours.call());
				runs.anchor.add(anchor.call());
				runs.liveness.add(liveness.call());
				if (withAmqp10) {
					runs.amqp10.add(amqp10.call());
					runs.plainAmqp10.add(plainAmqp10.call());
				}
			}
		}
		return runs;
	}

	/**
	 * One {@code POST /api/tasks?protocol=amqp-1.0}: it must be a 202 that says it went over AMQP 1.0
	 * (a service that ignores {@code ?protocol=} would publish over 0-9-1), and its task must be the
	 * one message in task_queue.
	 */
	private static void publishOnceOverAmqp10(Broker broker) throws Exception {
		HttpResponse<String> answer = Service.HTTP.send(HttpRequest.newBuilder(URI.create(Service.BASE + OVER_AMQP_10))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("bench task"))
			.build(), HttpResponse.BodyHandlers.ofString());
		int landed = broker.purge(TASK_QUEUE);
		if (answer.statusCode() != 202 || !answer.body().contains("\"protocol\":\"amqp-1.0\"") || landed != 1) {
			throw new IllegalStateException("10: POST " + OVER_AMQP_10 + " must answer 202 with \"protocol\":"
					+ "\"amqp-1.0\", its task the one message in task_queue; it answered " + answer.statusCode() + " "
					+ answer.body() + ", and task_queue held " + landed + " message(s)");
		}
	}

	/**
	 * A run of 10's, either side, purged after as the others; it fails, loudly, where a publish
	 * failed (a non-2xx answer, a socket error, an outcome other than ACCEPTED) or task_queue holds
	 * fewer messages than the run counted as published (rate × seconds).
	 */
	private static Callable<Run> landedAfter(Broker broker, int seconds, String side, Callable<Run> run) {
		return () -> {
			Run measured;
			try {
				measured = run.call();
			}
			catch (Exception ex) {
				broker.purge(TASK_QUEUE);
				throw ex;
			}
			int landed = broker.purge(TASK_QUEUE);
			long published = (long) Math.floor(measured.rate() * seconds);
			if (measured.errors() > 0 || landed < 0.99 * published) { // 1 %: the rate's rounding, wrk's clock
				throw new IllegalStateException(String.format("10: %s: %d publish(es) over AMQP 1.0 failed, and "
						+ "task_queue held %d message(s) after %d published", side, measured.errors(), landed, published));
			}
			return measured;
		};
	}

	private static List<Run> withoutErrors(List<Run> runs) {
		return runs.stream()
			.map((run) -> new Run(run.rate(), run.p50Millis(), run.p99Millis(), 0))
			.toList();
	}

	private static Callable<Run> purgedAfter(Broker broker, Callable<Run> run) {
		return () -> {
			try {
				return run.call();
			}
			finally {
				broker.purge(TASK_QUEUE);
			}
		};
	}

}
