package bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 7: start to ready ({@code /actuator/health/readiness} answers 200), on the embedded
 * broker and on the RabbitMQ in use, and RSS after a run of wrk on {@code POST /api/hello};
 * against {@code NoAmqpApplication}, the same classpath and Boot web stack with no AMQP.
 */
final class Startup {

	/** One way of running the service: its starts and RSS, one each per repetition. */
	record Row(String service, List<Double> startMillis, List<Long> rssKib) {
	}

	private Startup() {
	}

	/** The embedded broker's row, the RabbitMQ's, then the anchor's: one start of each per repetition. */
	static List<Row> measure(Settings settings) throws Exception {
		Row embedded = new Row("embedded broker", new ArrayList<>(), new ArrayList<>());
		Row external = new Row("external broker (" + settings.node().product() + ")", new ArrayList<>(),
				new ArrayList<>());
		Row anchor = new Row("anchor: the same Boot web stack, no AMQP", new ArrayList<>(), new ArrayList<>());
		for (int i = 0; i < settings.repetitions(); i++) {
			try (Service service = Service.onEmbeddedBroker(settings, "startup-embedded")) {
				loaded(settings, embedded, service, "-s", "bench/wrk/post-hello.lua", Service.BASE + "/api/hello");
			}
			try (Service service = Service.on(settings, settings.node(), "startup")) {
				loaded(settings, external, service, "-s", "bench/wrk/post-hello.lua", Service.BASE + "/api/hello");
			}
			try (Service service = Service.noAmqp(settings)) {
				loaded(settings, anchor, service, Service.BASE + "/actuator/health");
			}
		}
		return List.of(embedded, external, anchor);
	}

	private static void loaded(Settings settings, Row row, Service service, String... wrk) throws Exception {
		row.startMillis().add(service.startMillis());
		List<String> arguments = new ArrayList<>(List.of("-t2", "-c8"));
		arguments.addAll(List.of(wrk));
		Wrk.run(settings.seconds(), arguments.toArray(String[]::new));
		row.rssKib().add(service.rssKib());
	}

}
