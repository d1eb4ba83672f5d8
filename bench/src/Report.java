package bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The results as markdown: target/bench/results.md, and bench/RESULTS.md's tables. */
final class Report {

	private Report() {
	}

	static String of(Settings settings, List<Result> results, List<Startup.Row> startup, List<Memory.After> memory,
			List<Growth.Table> growth, Optional<WireCost.Table> wire) {
		StringBuilder report = new StringBuilder("# Benchmark: ours against the anchors\n\n");
		report.append(String.format(Locale.ROOT, "%s; %s; %d cores, %s %s; `bench/run %d %d`: %d s per run, %d "
				+ "repetition(s), ours and the anchor interleaved. Rates and ratios: median (min–max) over the "
				+ "repetitions; p50 and p99 in ms, medians.%n%n", LocalDate.now(), brokers(settings),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), settings.seconds(), settings.repetitions(), settings.seconds(),
				settings.repetitions()));
		report.append("| # | ours | anchor | ours | anchor | ratio | ratio to the combined bound | ours p50 / p99 "
				+ "| anchor p50 / p99 | target | met |\n")
			.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (Result result : results) {
			report.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
					result.id(), result.ours(), result.anchor(), figure(result.oursRuns(), result.unit()),
					figure(result.anchorRuns(), result.anchorUnit()), ratio(result), boundRatio(result),
					latencies(result.oursRuns()), latencies(result.anchorRuns()), result.comparison().target(),
					result.comparison().verdict(result)));
		}
		if (results.stream().anyMatch(Result::hasBound)) {
			report.append("\nThe combined bound of an HTTP publish scenario is `1 / (1/liveness + 1/anchor)`, per "
					+ "repetition: what a request allows where it pays for HTTP (liveness alone, as 1c, in the same "
					+ "service and repetitions) and for the broker's round trip (the anchor), the two adding up on "
					+ "shared cores.\n");
		}
		report.append(String.format(Locale.ROOT, "%nErrors (non-2xx answers, socket errors, wrong answers): %d%n",
				results.stream().mapToLong(Result::errors).sum()
						+ growth.stream().mapToLong(Growth.Table::errors).sum()
						+ wire.map(WireCost.Table::errors).orElse(0L)));
		Optional<Result> node = find(results, "1");
		Optional<Result> cluster = find(results, "8");
		if (node.isPresent() && cluster.isPresent()) {
			sideBySide(report, settings, node.get(), cluster.get());
		}
		if (!startup.isEmpty()) {
			startup(report, startup);
		}
		growth.forEach((table) -> growth(report, table));
		wire.ifPresent((table) -> wire(report, table));
		if (!memory.isEmpty()) {
			memory(report, memory);
		}
		return report.toString();
	}

	/** The brokers of the run, as the servers announced themselves. */
	static String brokers(Settings settings) {
		List<String> brokers = new ArrayList<>();
		if (settings.node() != null) {
			brokers.add("node: " + settings.node().description());
		}
		if (settings.cluster() != null) {
			brokers.add("cluster: " + settings.cluster().description());
		}
		return String.join("; ", brokers);
	}

	/** Scenario 1 and 8: the same measurement on one node and on the cluster, in two columns. */
	private static void sideBySide(StringBuilder report, Settings settings, Result node, Result cluster) {
		report.append("\n## 1 and 8: `POST /api/tasks` against PerfTest (32 producers, 1 confirm in flight each), "
				+ "on one node and on the cluster\n\n")
			.append("| | one node (1) | three-node cluster (8) |\n|---|---|---|\n")
			.append(String.format(Locale.ROOT, "| broker | %s | %s |%n", settings.node().description(),
					settings.cluster().description()))
			.append(String.format(Locale.ROOT, "| ours | %s | %s |%n", figure(node.oursRuns(), node.unit()),
					figure(cluster.oursRuns(), cluster.unit())))
			.append(String.format(Locale.ROOT, "| anchor | %s | %s |%n", figure(node.anchorRuns(), node.anchorUnit()),
					figure(cluster.anchorRuns(), cluster.anchorUnit())))
			.append(String.format(Locale.ROOT, "| ratio | %s | %s |%n", ratio(node), ratio(cluster)))
			.append(String.format(Locale.ROOT, "| ratio to the combined bound | %s | %s |%n", boundRatio(node),
					boundRatio(cluster)))
			.append(String.format(Locale.ROOT, "| ours p50 / p99 | %s | %s |%n", latencies(node.oursRuns()),
					latencies(cluster.oursRuns())))
			.append(String.format(Locale.ROOT, "| anchor p50 / p99 | %s | %s |%n", latencies(node.anchorRuns()),
					latencies(cluster.anchorRuns())))
			.append(String.format(Locale.ROOT, "| met (%s) | %s | %s |%n", node.comparison().target(),
					node.comparison().verdict(node), cluster.comparison().verdict(cluster)));
	}

	/** Scenario 7: each way of running the service against the anchor's median start. */
	private static void startup(StringBuilder report, List<Startup.Row> rows) {
		report.append("\n## 7. Start to ready, and RSS after a 1-run load\n\n")
			.append("| service | start to ready | anchor | ratio | RSS | target | met |\n|---|---|---|---|---|---|---|\n");
		Startup.Row anchor = rows.get(rows.size() - 1);
		double anchorStart = Stats.median(anchor.startMillis());
		for (Startup.Row row : rows.subList(0, rows.size() - 1)) {
			double start = Stats.median(row.startMillis());
			report.append(String.format(Locale.ROOT, "| %s | %,.0f ms (%,.0f–%,.0f) | %,.0f ms | %.2f | %,d MiB | ≤ 2 | %s |%n",
					row.service(), start, Stats.min(row.startMillis()), Stats.max(row.startMillis()), anchorStart,
					start / anchorStart, (long) Stats.median(row.rssKib()) / 1024, (start / anchorStart <= 2) ? "✔" : "✘"));
		}
		report.append(String.format(Locale.ROOT, "| %s | %,.0f ms (%,.0f–%,.0f) | | | %,d MiB | | |%n", anchor.service(),
				anchorStart, Stats.min(anchor.startMillis()), Stats.max(anchor.startMillis()),
				(long) Stats.median(anchor.rssKib()) / 1024));
	}

	/** A growth scenario (12, 13): each variant's rate and service CPU per message against the first's. */
	private static void growth(StringBuilder report, Growth.Table table) {
		report.append(String.format(Locale.ROOT, "%n## %s. %s: %s%n%n", table.id(), table.heading(), table.title()))
			.append(table.note())
			.append(" Rate: wrk, 32 connections; CPU: the service's process (user + system) per published message; "
					+ "each against the first row's, medians; RSS and heap used after the variant's last run.\n\n")
			.append(String.format(Locale.ROOT, "| # | %s | rate | rate against the first | service CPU per message "
					+ "| CPU against the first | p50 / p99 | RSS / heap used after |%n", table.grows()))
			.append("|---|---|---|---|---|---|---|---|\n");
		Growth.Row first = table.rows().get(0);
		double firstRate = Stats.median(first.runs().stream().map(Run::rate).toList());
		double firstCpu = Stats.median(first.cpuMicros());
		for (Growth.Row row : table.rows()) {
			Memory memory = row.memory();
			report.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %.2f | %s | %s / %s |%n",
					table.id(), row.variant(), figure(row.runs(), "msg/s"),
					Stats.median(row.runs().stream().map(Run::rate).toList()) / firstRate, micros(row.cpuMicros()),
					Stats.median(row.cpuMicros()) / firstCpu, latencies(row.runs()), mib(memory.rssKib() * 1024),
					mib(memory.heapBytes())));
		}
	}

	/** 14: each variant's rate and the broker's CPU per message, against PerfTest's. */
	private static void wire(StringBuilder report, WireCost.Table table) {
		report.append(String.format(Locale.ROOT, "%n## 14. The broker's CPU per message: the service's publish "
				+ "against PerfTest's%n%n"))
			.append("32 plain publishers in the benchmark's JVM, one persistent message in flight each, confirmed, to "
					+ "`task_queue` through the default exchange, changed one way at a time from what PerfTest sends "
					+ "(1's anchor) to what the service sends, then both held to " + String.format(Locale.ROOT, "%,d",
							WireCost.HELD_RATE) + " msg/s, about the rate of 1's HTTP publishes. The service's message, "
					+ "read back from the queue: " + table.serviceProperties() + ". CPU: the node's process (user + "
					+ "system) per published message; medians against the first row's.\n\n")
			.append("| # | publishes | rate | broker CPU per message | against PerfTest's |\n")
			.append("|---|---|---|---|---|\n");
		double first = Stats.median(table.rows().get(0).brokerMicros());
		for (WireCost.Row row : table.rows()) {
			report.append(String.format(Locale.ROOT, "| 14 | %s | %s | %s | %+,.0f µs |%n", row.variant(),
					figure(row.runs(), "msg/s"), micros(row.brokerMicros()), Stats.median(row.brokerMicros()) - first));
		}
	}

	/** Bytes in MiB; — where they could not be read (negative). */
	private static String mib(long bytes) {
		return (bytes < 0) ? "—" : String.format(Locale.ROOT, "%,d MiB", bytes / (1024 * 1024));
	}

	/** CPU microseconds per message: the median and range. */
	static String micros(List<Double> values) {
		return String.format(Locale.ROOT, "%,.0f µs (%,.0f–%,.0f)", Stats.median(values), Stats.min(values),
				Stats.max(values));
	}

	/** The service's memory after each scenario (7's is in its own table). */
	private static void memory(StringBuilder report, List<Memory.After> rows) {
		report.append("\n## The service's memory after each scenario\n\n")
			.append("RSS: `VmRSS` of the service's process; heap used: `jvm.memory.used` (area heap, all pools, "
					+ "garbage not yet collected included) from `/actuator/prometheus`. Read after the scenario's last "
					+ "run, before the service stops; where a scenario starts a service per repetition, the last one's.\n\n")
			.append("| after | service | RSS | heap used |\n|---|---|---|---|\n");
		for (Memory.After row : rows) {
			Memory memory = row.memory();
			report.append(String.format(Locale.ROOT, "| after %s | %s | %s | %s |%n", row.scenarios(), memory.service(),
					mib(memory.rssKib() * 1024), mib(memory.heapBytes())));
		}
	}

	private static Optional<Result> find(List<Result> results, String id) {
		return results.stream().filter((result) -> result.id().equals(id)).findFirst();
	}

	/** The median figure of the runs and their range: the rate, or the p50 where the unit is ms. */
	static String figure(List<Run> runs, String unit) {
		double[] values = runs.stream().mapToDouble((run) -> unit.equals("ms") ? run.p50Millis() : run.rate()).toArray();
		return String.format(Locale.ROOT, "%,.0f %s (%,.0f–%,.0f)", Stats.median(values), unit, Stats.min(values),
				Stats.max(values));
	}

	static String ratio(Result result) {
		double[] ratios = result.ratios();
		return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", Stats.median(ratios), Stats.min(ratios),
				Stats.max(ratios));
	}

	/** The median ratio to the combined bound, its range, and the median bound; — where there is none. */
	static String boundRatio(Result result) {
		if (!result.hasBound()) {
			return "—";
		}
		double[] ratios = result.boundRatios();
		return String.format(Locale.ROOT, "%.2f (%.2f–%.2f) of %,.0f %s", Stats.median(ratios), Stats.min(ratios),
				Stats.max(ratios), Stats.median(result.bounds()), result.unit());
	}

	private static String latencies(List<Run> runs) {
		double p50 = Stats.median(runs.stream().map(Run::p50Millis).toList());
		double p99 = Stats.median(runs.stream().map(Run::p99Millis).toList());
		return Double.isNaN(p50) ? "—" : String.format(Locale.ROOT, "%.2f / %.2f", p50, p99);
	}

}
