package bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Scenario 6: {@code GET /api/fib/1000000} end to end (208,988 digits, checked), against the
 * tutorial's recursive {@code fib(40)} in-process: 5 timed calls each (at least), after a warm-up.
 */
final class BigFib {

	private BigFib() {
	}

	static Result measure(Settings settings) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(Service.BASE + "/api/fib/1000000")).GET().build();
		Callable<Run> ours = () -> timed(() -> {
			HttpResponse<String> response = Service.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || !response.body().contains("\"digits\":208988")) {
				throw new IllegalStateException(response.statusCode() + " "
						+ response.body().substring(0, Math.min(200, response.body().length())));
			}
		});
		Callable<Run> recursive = () -> timed(() -> {
			if (recursive(40) != 102_334_155L) {
				throw new IllegalStateException("fib(40)");
			}
		});
		WarmUp.once(ours, recursive);
		List<Run> oursRuns = new ArrayList<>();
		List<Run> anchorRuns = new ArrayList<>();
		for (int i = 0; i < Math.max(5, settings.repetitions()); i++) {
			oursRuns.add(ours.call());
			anchorRuns.add(recursive.call());
		}
		return new Result("6", "`GET /api/fib/1000000` end to end (208,988 digits)",
				"the tutorial's recursive fib(40), in-process", "ms", oursRuns, anchorRuns, Comparison.timeAtMost(0.5));
	}

	private interface Work {

		void run() throws Exception;

	}

	/** One timed run of {@code work}, as a run whose p50 is its time. */
	private static Run timed(Work work) throws Exception {
		long started = System.nanoTime();
		work.run();
		double millis = (System.nanoTime() - started) / 1e6;
		return new Run(1000 / millis, millis, millis, 0);
	}

	/** The tutorial's server-side fib, as written there. */
	static long recursive(int n) {
		if (n == 0) {
			return 0;
		}
		if (n == 1) {
			return 1;
		}
		return recursive(n - 1) + recursive(n - 2);
	}

}
