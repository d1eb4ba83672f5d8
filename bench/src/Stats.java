package bench;

import java.util.Arrays;
import java.util.Collection;

/** Medians and ranges, the way every table here shows them. */
final class Stats {

	private Stats() {
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return (sorted.length == 0) ? Double.NaN : sorted[sorted.length / 2];
	}

	static double median(Collection<? extends Number> values) {
		return median(values.stream().mapToDouble(Number::doubleValue).toArray());
	}

	static double min(double[] values) {
		return Arrays.stream(values).min().orElse(Double.NaN);
	}

	static double max(double[] values) {
		return Arrays.stream(values).max().orElse(Double.NaN);
	}

	static double min(Collection<? extends Number> values) {
		return values.stream().mapToDouble(Number::doubleValue).min().orElse(Double.NaN);
	}

	static double max(Collection<? extends Number> values) {
		return values.stream().mapToDouble(Number::doubleValue).max().orElse(Double.NaN);
	}

	/** The {@code p} percentile of sorted durations in nanoseconds, in ms. */
	static double percentileMillis(long[] sortedNanos, double p) {
		return (sortedNanos.length == 0) ? Double.NaN
				: sortedNanos[(int) Math.min(sortedNanos.length - 1, p * sortedNanos.length)] / 1e6;
	}

}
