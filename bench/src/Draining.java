package bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;

/**
 * Scenario 2: worker-1 and worker-2 (manual ack, prefetch 1, tasks without dots, so no simulated
 * work) draining a filled task_queue, against PerfTest's two consumers (manual ack, prefetch 1) on
 * the same queue.
 */
final class Draining {

	private static final byte[] TASK = "bench task".getBytes(StandardCharsets.UTF_8);

	private final Settings settings;

	private final Broker broker;

	private final int tasks;

	private Draining(Settings settings) {
		this.settings = settings;
		this.broker = settings.node();
		this.tasks = 3_000 * settings.seconds();
	}

	/**
	 * Each repetition measures ours (a service started with its workers) and PerfTest, each warmed
	 * up until its drains are steady; the two take turns at going first, so that neither is always
	 * the one that follows another scenario's load or a fresh JVM start.
	 */
	static Result measure(Settings settings) throws Exception {
		Draining draining = new Draining(settings);
		List<Run> ours = new ArrayList<>();
		List<Run> anchor = new ArrayList<>();
		for (int i = 0; i < settings.repetitions(); i++) {
			if (i % 2 == 0) {
				ours.add(draining.ours());
				anchor.add(draining.perfTest());
			}
			else {
				anchor.add(draining.perfTest());
				ours.add(draining.ours());
			}
		}
		return new Result("2", "worker-1 and worker-2 draining " + String.format(Locale.ROOT, "%,d", draining.tasks)
				+ " tasks (manual ack, prefetch 1, no simulated work)",
				"PerfTest, 2 consumers, manual ack, prefetch 1, same queue", "msg/s", ours, anchor,
				Comparison.rateAtLeast(0.9));
	}

	private Run ours() throws Exception {
		try (Service service = Service.on(this.settings, this.broker, "workers")) {
			return steadyDrain();
		}
		finally {
			this.broker.purge(Publishing.TASK_QUEUE);
		}
	}

	private Run perfTest() throws Exception {
		Process perfTest = new PerfTest(this.settings, this.broker).start("-x", "0", "-y", "2", "--qos", "1",
				"--predeclared", "--queue", Publishing.TASK_QUEUE, "--time",
				Integer.toString(this.settings.seconds() * 20 + 60));
		try {
			return steadyDrain();
		}
		finally {
			Processes.stop(perfTest);
			this.broker.purge(Publishing.TASK_QUEUE);
		}
	}

	/**
	 * With the consumers attached: fills and drains, not measured, until a drain's rate is within
	 * 5 % of the one before (at most 5); then one more, whose drain is measured from the end of its
	 * fill.
	 */
	private Run steadyDrain() throws Exception {
		WarmUp.untilSteady(this::filledAndDrained, 5);
		return filledAndDrained();
	}

	private Run filledAndDrained() throws Exception {
		fill();
		return drainRate();
	}

	/** Publishes the tasks, persistent, to task_queue, confirmed. */
	private void fill() throws Exception {
		try (Connection connection = this.broker.connect(); Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			for (int i = 1; i <= this.tasks; i++) {
				channel.basicPublish("", Publishing.TASK_QUEUE, MessageProperties.PERSISTENT_TEXT_PLAIN, TASK);
				if (i % 1000 == 0) {
					channel.waitForConfirmsOrDie(30_000);
				}
			}
			channel.waitForConfirmsOrDie(30_000);
		}
	}

	/**
	 * The rate at which task_queue empties, its depth sampled every 50 ms, between the moments it
	 * holds 90 % and 10 % of the tasks (so that starting and stopping consumers does not count).
	 */
	private Run drainRate() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.settings.seconds() * 3L + 60);
		long highAt = 0;
		long highDepth = 0;
		try (Connection connection = this.broker.connect(); Channel channel = connection.createChannel()) {
			while (System.nanoTime() < deadline) {
				long depth = channel.queueDeclarePassive(Publishing.TASK_QUEUE).getMessageCount();
				long now = System.nanoTime();
				if (highAt == 0 && depth <= this.tasks * 0.9) {
					highAt = now;
					highDepth = depth;
				}
				if (highAt != 0 && depth <= this.tasks * 0.1) {
					return Run.ofRate((highDepth - depth) / ((now - highAt) / 1e9));
				}
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("task_queue did not drain; see " + this.settings.out());
	}

}
