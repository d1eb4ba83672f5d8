package bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** wrk, the HTTP load: runs and their figures. */
final class Wrk {

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	/** Printed by bench/wrk/get-fib.lua. */
	private static final Pattern WRONG = Pattern.compile("Wrong answers: (\\d+)");

	private Wrk() {
	}

	/** wrk for {@code seconds} with these arguments (the URL last): its rate, latencies and errors. */
	static Run run(int seconds, String... arguments) {
		List<String> command = new ArrayList<>(List.of("wrk", "-d" + seconds + "s"));
		command.addAll(List.of(arguments));
		String output = Processes.exec(command.toArray(String[]::new));
		Matcher rate = RATE.matcher(output);
		if (!rate.find()) {
			throw new IllegalStateException("wrk printed no rate:\n" + output);
		}
		Matcher non2xx = NON_2XX.matcher(output);
		Matcher wrong = WRONG.matcher(output);
		Matcher socketErrors = SOCKET_ERRORS.matcher(output);
		long errors = (non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0)
				+ (wrong.find() ? Long.parseLong(wrong.group(1)) : 0);
		if (socketErrors.find()) {
			for (int g = 1; g <= 4; g++) {
				errors += Long.parseLong(socketErrors.group(g));
			}
		}
		return new Run(Double.parseDouble(rate.group(1)), percentile(output, "50"), percentile(output, "99"), errors);
	}

	/**
	 * 1c: {@code GET /actuator/health/liveness} (no AMQP, no body) from 32 connections, what HTTP
	 * alone allows here; the HTTP side of every HTTP publish scenario's combined bound.
	 */
	static Run liveness(int seconds) {
		return run(seconds, "-t2", "-c32", "--latency", Service.BASE + "/actuator/health/liveness");
	}

	/** A percentile of {@code --latency}'s distribution, in ms (NaN without {@code --latency}). */
	private static double percentile(String output, String percent) {
		Matcher matcher = Pattern.compile("\\s" + percent + "%\\s+([0-9.]+)(us|ms|s)").matcher(output);
		if (!matcher.find()) {
			return Double.NaN;
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

}
