package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 3: logs-subscriber-1 and -2 (autoAck, as the tutorial; direct listener containers)
 * taking what PerfTest publishes to the {@code logs} fanout, against PerfTest publishing to a
 * fanout of its own with two autoAck consumers: deliveries per second.
 */
final class Fanout {

	private Fanout() {
	}

	/** A first repetition of both, not counted (JIT), then the measured ones. */
	static Result measure(Settings settings, Service service) throws Exception {
		PerfTest perfTest = new PerfTest(settings, settings.node());
		List<Run> ours = new ArrayList<>();
		List<Run> anchor = new ArrayList<>();
		for (int i = 0; i <= settings.repetitions(); i++) {
			Run oursRun = subscribersTaking(settings, perfTest, service);
			service.awaitSubscribersIdle();
			Run anchorRun = perfTest.run("-x", "1", "-y", "2", "--exchange", "bench_fanout", "--type", "fanout",
					"--auto-delete", "true", "--autoack");
			if (i > 0) {
				ours.add(oursRun);
				anchor.add(anchorRun);
			}
		}
		return new Result("3", "logs-subscriber-1 and -2 (autoack) taking what PerfTest publishes to `logs` (deliveries)",
				"PerfTest, fanout, 1 producer, 2 queues with an autoack consumer each (deliveries)", "deliveries/s", ours,
				anchor, Comparison.rateAtLeast(0.8));
	}

	/**
	 * The subscribers' deliveries per second while PerfTest publishes to {@code logs}, from their
	 * listener timers: counted over the run's seconds from their first delivery (so PerfTest's start
	 * is not counted, as it is not in its own rates), ending before it stops.
	 */
	private static Run subscribersTaking(Settings settings, PerfTest perfTest, Service service) throws Exception {
		Process publisher = perfTest.start("-x", "1", "-y", "0", "--predeclared", "--exchange", "logs", "--type",
				"fanout", "--time", Integer.toString(settings.seconds() + 3));
		Run ours;
		try {
			long idle = service.subscriberDeliveries();
			long before = idle;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (before == idle) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The subscribers took nothing in 30 s; see "
							+ settings.out().resolve("perf-test.log"));
				}
				Thread.sleep(20);
				before = service.subscriberDeliveries();
			}
			long started = System.nanoTime();
			Thread.sleep(TimeUnit.SECONDS.toMillis(settings.seconds()));
			long after = service.subscriberDeliveries();
			ours = Run.ofRate((after - before) / ((System.nanoTime() - started) / 1e9));
		}
		catch (Exception ex) {
			publisher.destroyForcibly();
			throw ex;
		}
		perfTest.awaitEnd(publisher);
		return ours;
	}

}
