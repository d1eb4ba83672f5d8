package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Scenarios 1, 1c and 8: {@code POST /api/tasks} (persistent, confirmed, to task_queue) from 32
 * HTTP clients that each wait for their answer, against PerfTest in the same shape: 32 producers,
 * one confirm in flight each. 1 on the node, 8 on the cluster; 1c, on the node, is liveness alone:
 * what HTTP allows on this machine. The service runs with its listeners stopped, so the queue only
 * fills; it is purged after every run.
 */
final class Publishing {

	static final String TASK_QUEUE = "task_queue";

	private static final String[] LISTENERS_STOPPED = { "--spring.rabbitmq.listener.simple.auto-startup=false",
			"--spring.rabbitmq.listener.direct.auto-startup=false" };

	private static final String ANCHOR = "PerfTest shaped like the HTTP clients: 32 producers, 1 confirm in flight "
			+ "each, persistent, to `task_queue`";

	private static final Comparison TARGET = Comparison.rateAtLeast(0.8);

	private Publishing() {
	}

	/** Scenarios 1 and 1c, on the node. */
	static List<Result> onNode(Settings settings) throws Exception {
		Runs runs = measure(settings, settings.node(), "publish", true);
		return List.of(
				new Result("1", "`POST /api/tasks`, wrk, 32 connections", ANCHOR, "msg/s", runs.ours, runs.anchor, TARGET),
				new Result("1c", "`GET /actuator/health/liveness` (no AMQP, no body), wrk, 32 connections",
						"PerfTest, as in 1", "req/s", "msg/s", runs.liveness, runs.anchor,
						Comparison.reported("what HTTP alone allows here")));
	}

	/** Scenario 8: scenario 1 on the three-node cluster, PerfTest on the same cluster. */
	static Result onCluster(Settings settings) throws Exception {
		Runs runs = measure(settings, settings.cluster(), "publish-cluster", false);
		return new Result("8", "`POST /api/tasks` on the three-node cluster, wrk, 32 connections",
				ANCHOR + " on the same cluster", "msg/s", runs.ours, runs.anchor, TARGET);
	}

	private record Runs(List<Run> ours, List<Run> anchor, List<Run> liveness) {
	}

	/**
	 * Ours warmed up until steady, PerfTest (and liveness) once; then, per repetition, ours, the
	 * anchor (and liveness) one after the other.
	 */
	private static Runs measure(Settings settings, Broker broker, String name, boolean withLiveness) throws Exception {
		PerfTest perfTest = new PerfTest(settings, broker);
		Callable<Run> ours = purgedAfter(broker, () -> Wrk.run(settings.seconds(), "-t2", "-c32", "--latency", "-s",
				"bench/wrk/post-task.lua", Service.BASE + "/api/tasks"));
		Callable<Run> anchor = purgedAfter(broker, () -> perfTest.publishing(32, 1));
		Callable<Run> liveness = () -> Wrk.run(settings.seconds(), "-t2", "-c32", "--latency",
				Service.BASE + "/actuator/health/liveness");
		Runs runs = new Runs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		try (Service service = Service.on(settings, broker, name, LISTENERS_STOPPED)) {
			WarmUp.untilSteady(ours, 6);
			WarmUp.once(anchor);
			if (withLiveness) {
				WarmUp.once(liveness);
			}
			for (int i = 0; i < settings.repetitions(); i++) {
				runs.ours.add(ours.call());
				runs.anchor.add(anchor.call());
				if (withLiveness) {
					runs.liveness.add(liveness.call());
				}
			}
		}
		return runs;
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
