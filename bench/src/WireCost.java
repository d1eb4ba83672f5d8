package bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

/**
 * Scenario 14, where the broker spends more on the service's publishes than on PerfTest's: the same
 * load as 1's anchor (32 publishers, one persistent message in flight each, confirmed, to
 * {@code task_queue} through the default exchange), sent by plain clients in this JVM, first as
 * PerfTest sends it, then changed one way at a time towards what the service sends, and measured
 * by the broker's CPU time per message ({@code /proc/PID/stat} of the node, user + system, over the
 * run). The service's properties and body are those of a message the service published (read back
 * from the queue), not a copy of what it is believed to send. Then both again, held to
 * {@value #HELD_RATE} msg/s, about what 1's HTTP publishes reach: a broker's CPU per message
 * depends on the rate, as its fixed costs (the quorum queue's log writes, its timers) are shared by
 * fewer messages.
 */
final class WireCost {

	private static final int PUBLISHERS = 32;

	private static final long CONFIRM_TIMEOUT_MILLIS = 5_000;

	static final int HELD_RATE = 2_500;

	private WireCost() {
	}

	/** A variant's runs and the broker's CPU microseconds per message in each. */
	record Row(String variant, List<Run> runs, List<Double> brokerMicros) {
	}

	/** The rows, the first PerfTest's, and the properties the service's message carried. */
	record Table(List<Row> rows, String serviceProperties) {

		long errors() {
			return this.rows.stream().flatMap((row) -> row.runs().stream()).mapToLong(Run::errors).sum();
		}

	}

	/** @param rate the messages per second all publishers together are held to; 0: as fast as confirmed */
	private record Variant(String label, boolean oneConnection, boolean mandatory, boolean servicesMessage, int rate) {
	}

	private record Message(AMQP.BasicProperties properties, byte[] body) {
	}

	static Table measure(Settings settings) throws Exception {
		if (settings.nodePid() <= 0) {
			throw new IllegalStateException("14 reads the broker's CPU time: bench/run passes its OS process (-Dbench.node.pid)");
		}
		Broker node = settings.node();
		Message service = servicesMessage(settings, node);
		Message perfTest = new Message(MessageProperties.MINIMAL_PERSISTENT_BASIC, new byte[12]);
		String held = String.format(Locale.ROOT, ", held to %,d msg/s", HELD_RATE);
		List<Variant> variants = List.of(
				new Variant("PerfTest's (1's anchor): a connection per publisher, delivery mode only, a 12 B body", false,
						false, false, 0),
				new Variant("one connection, a channel per publisher, as the service", true, false, false, 0),
				new Variant("that, `mandatory`", true, true, false, 0),
				new Variant("that, the service's properties and body", true, false, true, 0),
				new Variant("the service's publish: one connection, `mandatory`, its properties and body", true, true, true, 0),
				new Variant("PerfTest's" + held, false, false, false, HELD_RATE),
				new Variant("the service's publish" + held, true, true, true, HELD_RATE));
		for (Variant variant : variants) { // unmeasured: the broker and this JVM warm up on each
			run(settings, node, variant, variant.servicesMessage() ? service : perfTest);
		}
		List<List<Run>> runs = new ArrayList<>();
		List<List<Double>> micros = new ArrayList<>();
		variants.forEach((variant) -> {
			runs.add(new ArrayList<>());
			micros.add(new ArrayList<>());
		});
		for (int i = 0; i < settings.repetitions(); i++) {
			for (int turn = 0; turn < variants.size(); turn++) {
				int v = (i + turn) % variants.size();
				Variant variant = variants.get(v);
				double before = Processes.cpuSeconds(settings.nodePid());
				Run run = run(settings, node, variant, variant.servicesMessage() ? service : perfTest);
				double spent = Processes.cpuSeconds(settings.nodePid()) - before;
				runs.get(v).add(run);
				micros.get(v).add(spent * 1e6 / (run.rate() * settings.seconds()));
			}
		}
		List<Row> rows = new ArrayList<>();
		for (int v = 0; v < variants.size(); v++) {
			rows.add(new Row(variants.get(v).label(), runs.get(v), micros.get(v)));
		}
		return new Table(rows, describe(service));
	}

	/** One run of a variant, {@code task_queue} purged after it (the broker's CPU counts until the run's end). */
	private static Run run(Settings settings, Broker node, Variant variant, Message message) throws Exception {
		List<Connection> connections = new ArrayList<>();
		List<Channel> channels = new ArrayList<>();
		try {
			for (int p = 0; p < PUBLISHERS; p++) {
				if (p == 0 || !variant.oneConnection()) {
					connections.add(node.connect());
				}
				Channel channel = connections.get(connections.size() - 1).createChannel();
				channel.confirmSelect();
				channels.add(channel);
			}
			// held: each publisher sends at most one message per interval, the next due an interval after the last
			long interval = (variant.rate() > 0) ? TimeUnit.SECONDS.toNanos(PUBLISHERS) / variant.rate() : 0;
			long[] due = new long[PUBLISHERS];
			Run run = ClientLoad.run(settings.seconds(), PUBLISHERS, (publisher) -> {
				if (interval > 0) {
					long wait = due[publisher] - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					due[publisher] = Math.max(due[publisher], System.nanoTime() - interval) + interval;
				}
				Channel channel = channels.get(publisher);
				channel.basicPublish("", Publishing.TASK_QUEUE, variant.mandatory(), message.properties(), message.body());
				channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
			});
			if (run.errors() > 0) {
				throw new IllegalStateException("14, " + variant.label() + ": " + run.errors() + " publishes failed");
			}
			return run;
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
			node.purge(Publishing.TASK_QUEUE);
		}
	}

	/** What scenario 1's {@code POST /api/tasks} publishes, read back from {@code task_queue}. */
	private static Message servicesMessage(Settings settings, Broker node) throws Exception {
		try (Service service = Service.on(settings, node, "wire", "--spring.rabbitmq.listener.simple.auto-startup=false",
				"--spring.rabbitmq.listener.direct.auto-startup=false")) {
			node.purge(Publishing.TASK_QUEUE);
			HttpResponse<String> answer = Service.HTTP.send(HttpRequest.newBuilder(URI.create(Service.BASE + "/api/tasks"))
				.header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.ofString("bench task"))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 202) {
				throw new IllegalStateException("POST /api/tasks answered " + answer.statusCode() + " " + answer.body());
			}
			try (Connection connection = node.connect(); Channel channel = connection.createChannel()) {
				GetResponse response = channel.basicGet(Publishing.TASK_QUEUE, true);
				if (response == null) {
					throw new IllegalStateException("The service's task is not in " + Publishing.TASK_QUEUE);
				}
				return new Message(response.getProps(), response.getBody());
			}
		}
	}

	private static String describe(Message message) {
		AMQP.BasicProperties properties = message.properties();
		Map<String, Object> set = new TreeMap<>();
		set.put("content_type", properties.getContentType());
		set.put("content_encoding", properties.getContentEncoding());
		set.put("delivery_mode", properties.getDeliveryMode());
		set.put("priority", properties.getPriority());
		set.put("message_id", properties.getMessageId());
		set.put("headers", (properties.getHeaders() != null) ? new TreeMap<>(properties.getHeaders()).keySet() : null);
		set.values().removeIf(Objects::isNull);
		return set + ", body '" + new String(message.body(), StandardCharsets.UTF_8) + "'";
	}

}
