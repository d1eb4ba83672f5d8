package bench;

import java.util.concurrent.Callable;

/**
 * Unmeasured runs before the measured ones, so that both sides run JIT-compiled: on 2 cores a path
 * needs several seconds under load before it runs at its speed (a 2 s warm-up left the first
 * measured run at a quarter of the later ones).
 */
final class WarmUp {

	private WarmUp() {
	}

	/**
	 * Full-length runs until one is within 5 % of the one before, at most {@code most}: for our
	 * long-running service, whose JIT took over a minute of load to settle on a slow 2-core machine
	 * (one run left the first measured repetition at a third of the last).
	 */
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

	/** One full-length run of each: for anchors that start a JVM per run (PerfTest) or warm up within it. */
	@SafeVarargs
	static void once(Callable<Run>... runs) throws Exception {
		for (Callable<Run> run : runs) {
			run.call();
		}
	}

}
