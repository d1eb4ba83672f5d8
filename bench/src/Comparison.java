package bench;

import java.util.Locale;

/** How a scenario compares ours with its anchor, its target, and whether a result meets it. */
interface Comparison {

	double ratio(Run ours, Run anchor);

	/** The target as the table shows it. */
	String target();

	/** ✔ or ✘ (— where nothing is asserted), with what decided it where the ratio does not show it. */
	String verdict(Result result);

	/** Ours / anchor on rates, at least {@code target} at the median. */
	static Comparison rateAtLeast(double target) {
		return new Comparison() {
			public double ratio(Run ours, Run anchor) {
				return ours.rate() / anchor.rate();
			}

			public String target() {
				return "≥ " + target;
			}

			public String verdict(Result result) {
				return mark(result.ratio() >= target);
			}
		};
	}

	/**
	 * Ours / anchor on rates for the ratio; met when our rate is at least {@code target} of the
	 * combined bound ({@link Result#combinedBound}) at the median: for the HTTP publish scenarios.
	 */
	static Comparison boundAtLeast(double target) {
		return new Comparison() {
			public double ratio(Run ours, Run anchor) {
				return ours.rate() / anchor.rate();
			}

			public String target() {
				return "≥ " + target + " of the combined bound";
			}

			public String verdict(Result result) {
				return result.hasBound() ? mark(Stats.median(result.boundRatios()) >= target)
						: "✘ (no liveness runs, so no bound)";
			}
		};
	}

	/** Ours / anchor on times (a lower ratio is better), at most {@code target} at the median. */
	static Comparison timeAtMost(double target) {
		return new Comparison() {
			public double ratio(Run ours, Run anchor) {
				return ours.p50Millis() / anchor.p50Millis();
			}

			public String target() {
				return "≤ " + target;
			}

			public String verdict(Result result) {
				return mark(result.ratio() <= target);
			}
		};
	}

	/** Ours / anchor on rates for the ratio; met when our median p50 is within {@code millis} of the anchor's. */
	static Comparison p50Within(double millis) {
		return new Comparison() {
			public double ratio(Run ours, Run anchor) {
				return ours.rate() / anchor.rate();
			}

			public String target() {
				return "p50 ≤ anchor p50 + " + millis + " ms";
			}

			public String verdict(Result result) {
				double difference = Stats.median(result.oursRuns().stream().map(Run::p50Millis).toList())
						- Stats.median(result.anchorRuns().stream().map(Run::p50Millis).toList());
				return mark(difference <= millis) + String.format(Locale.ROOT, " (%+.2f ms)", difference);
			}
		};
	}

	/** Ours / anchor on rates, shown and not asserted: {@code what} the figure tells. */
	static Comparison reported(String what) {
		return new Comparison() {
			public double ratio(Run ours, Run anchor) {
				return ours.rate() / anchor.rate();
			}

			public String target() {
				return "— (reported: " + what + ")";
			}

			public String verdict(Result result) {
				return "—";
			}
		};
	}

	private static String mark(boolean met) {
		return met ? "✔" : "✘";
	}

}
