package bench;

import java.util.List;

/**
 * A scenario's result: what ours and the anchor are, the units of their figures ({@code ms}: the
 * p50 is the figure), their runs (the i-th of each measured one after the other), and how they
 * compare.
 */
record Result(String id, String ours, String anchor, String unit, String anchorUnit, List<Run> oursRuns,
		List<Run> anchorRuns, Comparison comparison) {

	/** Both sides' figures in the same unit. */
	Result(String id, String ours, String anchor, String unit, List<Run> oursRuns, List<Run> anchorRuns,
			Comparison comparison) {
		this(id, ours, anchor, unit, unit, oursRuns, anchorRuns, comparison);
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
				+ this.anchorRuns.stream().mapToLong(Run::errors).sum();
	}

}
