package bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.Producer;

/**
 * Scenarios 9 and 9c, stream tutorial 1 on the stream protocol. 9: {@code POST /api/streams/hello}
 * from 32 HTTP clients that each wait for their answer (202 once the broker confirmed), against
 * the plain stream client in the same shape: one producer, 32 threads, one confirm in flight each,
 * the same message ({@code message_id}, {@code text/plain}, {@code Hello World!}). 9c: the service's
 * {@code hello-stream-receiver} reading the whole stream from its first message, as it does when the
 * service starts, against a plain stream client consumer reading the same stream from the first
 * message: messages per second. 9 is judged against its combined bound ({@link Result#combinedBound}),
 * from liveness runs in the same service and repetitions.
 */
final class Streams {

	static final String STREAM = "hello-java-stream";

	private static final byte[] BODY = "Hello World!".getBytes(StandardCharsets.UTF_8);

	/** The stream holds at least this many messages per second of a run before each read. */
	private static final int BACKLOG_PER_SECOND = 40_000;

	private static final Pattern RECEIVER_COUNT = Pattern.compile(
			"spring_rabbit_stream_listener_seconds_count\\{[^}]*spring_rabbit_stream_listener_id=\"hello-stream-receiver\"[^}]*} ([0-9.E]+)");

	private Streams() {
	}

	static List<Result> measure(Settings settings) throws Exception {
		Broker node = settings.node();
		List<Run> oursPublishing = new ArrayList<>();
		List<Run> anchorPublishing = new ArrayList<>();
		List<Run> liveness = new ArrayList<>();
		List<Run> oursReading = new ArrayList<>();
		List<Run> anchorReading = new ArrayList<>();
		try (Environment environment = node.streamEnvironment()) {
			try (Service service = Service.on(settings, node, "streams")) {
				service.awaitStreams();
				try (Producer producer = environment.producerBuilder().stream(STREAM).build()) {
					Callable<Run> ours = caughtUp(service, () -> Wrk.run(settings.seconds(), "-t2", "-c32",
							"--latency", "-s", "bench/wrk/post-hello.lua", Service.BASE + "/api/streams/hello"));
					Callable<Run> anchor = caughtUp(service,
							() -> ClientLoad.run(settings.seconds(), 32, (client) -> confirmed(producer)));
					Callable<Run> alive = () -> Wrk.liveness(settings.seconds());
					WarmUp.untilSteady(ours, 6);
					WarmUp.once(anchor, alive);
					for (int i = 0; i < settings.repetitions(); i++) {
						oursPublishing.add(ours.call());
						anchorPublishing.add(anchor.call());
						liveness.add(alive.call());
					}
				}
			}
			topUp(environment, (long) BACKLOG_PER_SECOND * settings.seconds());
			reading(environment); // JIT, for the anchor's side
			for (int i = 0; i < settings.repetitions(); i++) {
				Reading anchor = reading(environment);
				anchorReading.add(anchor.run());
				try (Service service = Service.on(settings, node, "stream-read-" + i)) {
					oursReading.add(receiverReading(service, anchor.messages()));
				}
			}
		}
		return List.of(
				new Result("9", "`POST /api/streams/hello`, wrk, 32 connections",
						"plain stream client shaped like the HTTP clients: 1 producer, 32 threads, 1 confirm in flight each",
						"msg/s", oursPublishing, anchorPublishing, Comparison.boundAtLeast(0.9)).withLiveness(liveness),
				new Result("9c", "`hello-stream-receiver` reading `" + STREAM + "` from the first message (a fresh service)",
						"plain stream client consumer, from the first message, same stream", "msg/s", oursReading,
						anchorReading, Comparison.rateAtLeast(0.8)));
	}

	/**
	 * {@code run}, then a wait, not measured, until the service's {@code hello-stream-receiver} has
	 * read what it published: the receiver reads every message of the stream, the anchor's too, and a
	 * backlog left behind would take the cores from the next run (liveness's above all).
	 */
	private static Callable<Run> caughtUp(Service service, Callable<Run> run) {
		return () -> {
			Run measured = run.call();
			service.awaitIdle(RECEIVER_COUNT);
			return measured;
		};
	}

	/** One message as the service publishes it, and the wait for its confirm. */
	private static void confirmed(Producer producer) throws Exception {
		CompletableFuture<Boolean> confirm = new CompletableFuture<>();
		producer.send(message(producer), (status) -> confirm.complete(status.isConfirmed()));
		if (!confirm.get(5, TimeUnit.SECONDS)) {
			throw new IllegalStateException("not confirmed");
		}
	}

	private static Message message(Producer producer) {
		return producer.messageBuilder()
			.properties()
			.messageId(UUID.randomUUID().toString())
			.contentType("text/plain")
			.messageBuilder()
			.addData(BODY)
			.build();
	}

	/** Publishes, confirms pipelined, until the stream holds at least {@code messages}. */
	private static void topUp(Environment environment, long messages) throws Exception {
		long missing = messages - reading(environment).messages();
		if (missing <= 0) {
			return;
		}
		CountDownLatch confirmed = new CountDownLatch((int) missing);
		try (Producer producer = environment.producerBuilder().stream(STREAM).build()) {
			for (long i = 0; i < missing; i++) {
				producer.send(message(producer), (status) -> confirmed.countDown());
			}
			if (!confirmed.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The stream's top-up was not confirmed within 120 s");
			}
		}
	}

	/**
	 * The whole stream read from its first message by a plain consumer that does nothing with
	 * them; it ends after 1 s without a message. Its rate runs from the first message to the last.
	 */
	private static Reading reading(Environment environment) throws Exception {
		AtomicLong count = new AtomicLong();
		AtomicLong first = new AtomicLong();
		AtomicLong last = new AtomicLong();
		Consumer consumer = environment.consumerBuilder()
			.stream(STREAM)
			.offset(OffsetSpecification.first())
			.messageHandler((context, message) -> {
				long now = System.nanoTime();
				if (count.getAndIncrement() == 0) {
					first.set(now);
				}
				last.set(now);
			})
			.build();
		try {
			long seen = -1;
			while (count.get() != seen || seen == 0) {
				seen = count.get();
				Thread.sleep(1000);
				if (seen == 0 && count.get() == 0) {
					break;
				}
			}
		}
		finally {
			consumer.close();
		}
		long messages = count.get();
		double seconds = (last.get() - first.get()) / 1e9;
		return new Reading(messages, Run.ofRate((messages > 1 && seconds > 0) ? (messages - 1) / seconds : 0));
	}

	private record Reading(long messages, Run run) {
	}

	/**
	 * The receiver of a service just started reading the stream's {@code messages} from the first:
	 * its rate from the first look at its listener timer, once the service is ready, until it has
	 * read them all (or read nothing more for 2 s). It starts reading just before the service is
	 * ready: what it read by then is not counted, and must be under half of the stream.
	 */
	private static Run receiverReading(Service service, long messages) throws Exception {
		long started = System.nanoTime();
		long atStart = service.metric(RECEIVER_COUNT);
		if (atStart * 2 > messages) {
			throw new IllegalStateException("The receiver read " + atStart + " of " + messages
					+ " messages before the service was ready: too few to measure");
		}
		long read = atStart;
		long lastRead = started;
		while (read < messages && System.nanoTime() - lastRead < TimeUnit.SECONDS.toNanos(2)) {
			Thread.sleep(50);
			long now = service.metric(RECEIVER_COUNT);
			if (now != read) {
				read = now;
				lastRead = System.nanoTime();
			}
		}
		return Run.ofRate((read - atStart) / ((lastRead - started) / 1e9));
	}

}
