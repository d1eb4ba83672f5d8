package bench;

/**
 * One run's figures: a rate, latencies in ms where the tool gives them (NaN where not), and the
 * errors it saw (non-2xx answers, socket errors, wrong answers, failed calls).
 */
record Run(double rate, double p50Millis, double p99Millis, long errors) {

	/** A run measured by its rate alone. */
	static Run ofRate(double rate) {
		return new Run(rate, Double.NaN, Double.NaN, 0);
	}

}
