package bench;

import java.util.List;

/**
 * A scenario's result: what ours and the anchor are, the units of their figures ({@code ms}: the
 * p50 is the figure), their runs (the i-th of each measured one after the other), how they
 * compare, and for an HTTP publish scenario the runs of liveness alone in the same repetitions
 * (empty for the others), from which its combined bound comes.
 */
record Result(String id, String ours, String anchor, String unit, String anchorUnit, List<Run> oursRuns,
		List<Run> anchorRuns, Comparison comparison, List<Run> livenessRuns) {

	Result(String id, String ours, String anchor, String unit, String anchorUnit, List<Run> oursRuns,
			List<Run> anchorRuns, Comparison comparison) {
		this(id, ours, anchor, unit, anchorUnit, oursRuns, anchorRuns, comparison, List.of());
	}

	/** Both sides' figures in the same unit. */
	Result(String id, String ours, String anchor, String unit, List<Run> oursRuns, List<Run> anchorRuns,
			Comparison comparison) {
		this(id, ours, anchor, unit, unit, oursRuns, anchorRuns, comparison);
	}

	/** This result with the liveness runs measured in the same repetitions, for its combined bound. */
	Result withLiveness(List<Run> liveness) {
		return new Result(this.id, this.ours, this.anchor, this.unit, this.anchorUnit, this.oursRuns, this.anchorRuns,
				this.comparison, liveness);
	}

	/**
	 * The most an HTTP publish can reach where a request pays for HTTP (liveness alone, at
	 * {@code livenessRate}) and for the broker's round trip (the anchor, at {@code anchorRate}),
	 * and on shared cores the two add up: {@code 1 / (1/liveness + 1/anchor)}. The one place the
	 * rule is written.
	 */
	static double combinedBound(double livenessRate, double anchorRate) {
		return 1 / (1 / livenessRate + 1 / anchorRate);
	}

	/** Whether liveness was measured with it, so that it has a combined bound. */
	boolean hasBound() {
		return !this.livenessRuns.isEmpty();
	}

	/** Each repetition's combined bound, from its liveness and anchor runs. */
	double[] bounds() {
		double[] bounds = new double[this.livenessRuns.size()];
		for (int i = 0; i < bounds.length; i++) {
			bounds[i] = combinedBound(this.livenessRuns.get(i).rate(), this.anchorRuns.get(i).rate());
		}
		return bounds;
	}

	/** Each repetition's rate against that repetition's combined bound. */
	double[] boundRatios() {
		double[] bounds = bounds();
		double[] ratios = new double[bounds.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = this.oursRuns.get(i).rate() / bounds[i];
		}
		return ratios;
	}

	/** Each repetition's ratio. */
	double[] ratios() {
		double[] ratios = new double[this.oursRuns.size()];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = this.comparison.ratio(this.oursRuns.get(i), this.anchorRuns.get(i));
		}
		return ratios;
	}

	/** The median ratio. */
	double ratio() {
		return Stats.median(ratios());
	}

	long errors() {
		return this.oursRuns.stream().mapToLong(Run::errors).sum()
				+ this.anchorRuns.stream().mapToLong(Run::errors).sum()
				+ this.livenessRuns.stream().mapToLong(Run::errors).sum();
	}

}
