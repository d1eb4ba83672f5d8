package bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What bench/run hands over: the length of a run, the repetitions, the scenarios wanted, the
 * brokers (the node every scenario but 8 runs on, the cluster of scenario 8: each null where no
 * scenario wanted needs it), the node's OS process (0 where bench/run did not say it) and the classpaths of the service, the no-AMQP anchor and PerfTest.
 */
record Settings(int seconds, int repetitions, List<String> only, Broker node, long nodePid, Broker cluster, Path out,
		String serviceClasspath, String noAmqpClasspath, String anchorsClasspath, List<String> serviceArguments) {

	static Settings from(String[] args) throws Exception {
		String virtualHost = required("bench.vhost");
		String node = System.getProperty("bench.node.addresses", "");
		String cluster = System.getProperty("bench.cluster.addresses", "");
		String extra = System.getProperty("bench.service.args", "").trim();
		return new Settings(Integer.parseInt(args[0]), Integer.parseInt(args[1]),
				Arrays.stream(System.getProperty("bench.only", "").split("[, ]+")).filter((id) -> !id.isEmpty()).toList(),
				node.isEmpty() ? null : Broker.at(node, virtualHost),
				Long.parseLong(System.getProperty("bench.node.pid", "").isEmpty() ? "0" : System.getProperty("bench.node.pid")),
				cluster.isEmpty() ? null : Broker.at(cluster, virtualHost), Path.of("target", "bench"),
				required("bench.service.classpath"), required("bench.noamqp.classpath"),
				required("bench.anchors.classpath"), extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")));
	}

	/**
	 * Whether BENCH_ONLY asks for scenario {@code id} (all when it is empty). A scenario measured
	 * with another is asked for by either id: 1 and 1c, 10 and 10c, 4 and 5, 9 and 9c; 10 (and 10c)
	 * asks for 1 too, in whose runs it is measured and against which 10c compares it.
	 */
	boolean wants(String id) {
		return this.only.isEmpty() || this.only.contains(id) || switch (id) {
			case "1" -> this.only.contains("1c") || this.only.contains("10") || this.only.contains("10c");
			case "10" -> this.only.contains("10c");
			case "4" -> this.only.contains("5");
			case "9" -> this.only.contains("9c");
			default -> false;
		};
	}

	/** Whether any scenario on the node is wanted (all but 8). */
	boolean wantsNode() {
		return List.of("1", "2", "3", "4", "6", "7", "9", "12", "13", "14").stream().anyMatch(this::wants);
	}

	private static String required(String property) {
		String value = System.getProperty(property, "");
		if (value.isEmpty()) {
			throw new IllegalStateException("-D" + property + " is missing: run the benchmark with bench/run");
		}
		return value;
	}

}
