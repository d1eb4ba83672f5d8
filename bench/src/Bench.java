package bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The benchmark (bench/README.md), run by bench/run: each scenario, ours against its anchor doing
 * the same work, interleaved, in the order of the table; 8, on the cluster, last. Arguments:
 * seconds per run, repetitions; the rest comes from bench/run as system properties ({@link Settings}).
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.from(args);
		Processes.stopAllOnExit();
		Files.createDirectories(settings.out());
		if (settings.wantsNode() && settings.node() == null) {
			throw new IllegalStateException("No node (-Dbench.node.addresses) for the scenarios wanted: run bench/run");
		}
		if (settings.wants("8") && settings.cluster() == null) {
			throw new IllegalStateException("Scenario 8 needs the cluster (-Dbench.cluster.addresses): run bench/run");
		}
		System.out.println(Report.brokers(settings));
		List<Result> results = new ArrayList<>();
		List<Memory.After> memory = new ArrayList<>();
		if (settings.wants("1")) {
			progress(results, memory, null, () -> Publishing.onNode(settings));
		}
		if (settings.wants("2")) {
			progress(results, memory, null, () -> List.of(Draining.measure(settings)));
		}
		if (settings.wants("3") || settings.wants("4") || settings.wants("6")) {
			try (Service service = Service.on(settings, settings.node(), "patterns")) {
				if (settings.wants("3")) {
					progress(results, memory, service, () -> List.of(Fanout.measure(settings, service)));
				}
				if (settings.wants("4")) {
					progress(results, memory, service, () -> Rpc.measure(settings));
				}
				if (settings.wants("6")) {
					progress(results, memory, service, () -> List.of(BigFib.measure(settings)));
				}
			}
		}
		List<Startup.Row> startup = List.of();
		if (settings.wants("7")) {
			long started = System.nanoTime();
			startup = Startup.measure(settings);
			System.out.printf(Locale.ROOT, "7: measured in %d s%n", seconds(started));
		}
		if (settings.wants("9")) {
			progress(results, memory, null, () -> Streams.measure(settings));
		}
		List<Growth.Table> growth = new ArrayList<>();
		if (settings.wants("12")) {
			grow(growth, memory, () -> Growth.bodies(settings));
		}
		if (settings.wants("13")) {
			grow(growth, memory, () -> Growth.routingKeys(settings));
		}
		Optional<WireCost.Table> wire = Optional.empty();
		if (settings.wants("14")) {
			long started = System.nanoTime();
			wire = Optional.of(WireCost.measure(settings));
			for (WireCost.Row row : wire.get().rows()) {
				System.out.printf(Locale.ROOT, "14, %s: %s, %s of the broker's CPU per message; measured in %d s%n",
						row.variant(), Report.figure(row.runs(), "msg/s"), Report.micros(row.brokerMicros()), seconds(started));
			}
		}
		if (settings.wants("8")) {
			progress(results, memory, null, () -> List.of(Publishing.onCluster(settings)));
		}
		String report = Report.of(settings, results, startup, memory, growth, wire);
		System.out.println(report);
		Files.writeString(settings.out().resolve("results.md"), report);
		System.out.println("Written to " + settings.out().resolve("results.md"));
	}

	/**
	 * Measures, adds the results, and prints a line for each, with the time it took; adds the memory
	 * of each service the scenario stopped (the last of each name), and of {@code running}, the
	 * service it shares with others (null where none), as it is now.
	 */
	private static void progress(List<Result> results, List<Memory.After> memory, Service running,
			Callable<List<Result>> scenario) throws Exception {
		long started = System.nanoTime();
		int mark = Memory.mark();
		List<Result> more = scenario.call();
		memoryAfter(more.stream().map(Result::id).collect(Collectors.joining(", ")), mark, running, memory);
		for (Result result : more) {
			results.add(result);
			System.out.printf(Locale.ROOT, "%s: ours %s, anchor %s, ratio %s%s; measured in %d s%n", result.id(),
					Report.figure(result.oursRuns(), result.unit()), Report.figure(result.anchorRuns(), result.anchorUnit()),
					Report.ratio(result), result.hasBound() ? ", to the combined bound " + Report.boundRatio(result) : "",
					seconds(started));
		}
	}

	/** The memory of each service stopped since {@code mark} (the last of each name), and of {@code running}. */
	private static void memoryAfter(String ids, int mark, Service running, List<Memory.After> memory) {
		Map<String, Memory> last = new LinkedHashMap<>();
		Memory.stoppedSince(mark).forEach((stopped) -> last.put(stopped.service(), stopped));
		if (running != null) {
			Memory now = running.memory();
			last.put(now.service(), now);
		}
		last.values().forEach((stopped) -> memory.add(new Memory.After(ids, stopped)));
	}

	/** Measures a growth scenario, adds its table and its service's memory, and prints a line for each row. */
	private static void grow(List<Growth.Table> growth, List<Memory.After> memory, Callable<Growth.Table> scenario)
			throws Exception {
		long started = System.nanoTime();
		int mark = Memory.mark();
		Growth.Table table = scenario.call();
		growth.add(table);
		memoryAfter(table.id(), mark, null, memory);
		for (Growth.Row row : table.rows()) {
			System.out.printf(Locale.ROOT, "%s, %s %s: %s, %s of service CPU per message; measured in %d s%n", table.id(),
					table.grows(), row.variant(), Report.figure(row.runs(), "msg/s"),
					Report.micros(row.cpuMicros()), seconds(started));
		}
	}

	private static long seconds(long startedNanos) {
		return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
	}

}
