package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.amqppatterns.HttpUser;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persistent tasks posted over HTTP by concurrent clients until a number of them got a
 * {@code 202}, while a test breaks the broker under them. A client that gets a 503 waits until the
 * service says it is ready again, as a well-behaved client does. Afterwards, which confirmed tasks
 * the workers did: every one at least once (none lost), some maybe twice.
 */
final class TaskLoad implements AutoCloseable {

	private final HttpUser user;

	private final int tasks;

	private final String marker = "load" + System.nanoTime();

	private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

	private final Queue<Long> confirmedAt = new ConcurrentLinkedQueue<>();

	private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();

	private final AtomicInteger unexpected = new AtomicInteger();

	private final AtomicInteger sequence = new AtomicInteger();

	private final ExecutorService clients;

	private final List<Future<?>> running;

	/** Starts {@code clients} clients posting until {@code tasks} tasks are confirmed. */
	TaskLoad(HttpUser user, int clients, int tasks) {
		this.user = user;
		this.tasks = tasks;
		this.clients = Executors.newFixedThreadPool(clients);
		this.running = IntStream.range(0, clients).mapToObj((i) -> this.clients.submit(this::post)).collect(Collectors.toList());
	}

	private void post() {
		while (this.confirmed.size() < this.tasks) {
			HttpUser.Answer answer = this.user.postText("/api/tasks", this.marker + " " + this.sequence.incrementAndGet());
			if (answer.status() == 202 && answer.messageId() != null) {
				this.confirmed.add(answer.messageId());
				this.confirmedAt.add(System.nanoTime());
			}
			else if (answer.status() == 503) {
				this.refusals.add(new Refusal(System.nanoTime(), answer.body()));
				// the service's own threads may die of the outage: not this wait's concern
				Awaitility.await()
					.dontCatchUncaughtExceptions()
					.atMost(Duration.ofMinutes(1))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> this.user.get("/actuator/health/readiness").status() == 200);
			}
			else {
				this.unexpected.incrementAndGet();
			}
		}
	}

	void awaitConfirmed(int count) {
		Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> this.confirmed.size() >= count);
	}

	int confirmed() {
		return this.confirmed.size();
	}

	/** How long after {@code nanos} ({@link System#nanoTime()}) the first 202 came, waiting for one. */
	long millisToFirstConfirmedAfter(long nanos) {
		Awaitility.await()
			.atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.confirmedAt.stream().anyMatch((at) -> at > nanos));
		long first = this.confirmedAt.stream().filter((at) -> at > nanos).min(Long::compare).orElseThrow();
		return TimeUnit.NANOSECONDS.toMillis(first - nanos);
	}

	int unexpected() {
		return this.unexpected.get();
	}

	/** The 503s so far, in the order they came. */
	List<Refusal> refusals() {
		return List.copyOf(this.refusals);
	}

	/** Waits until every client is done: {@code tasks} confirmed. */
	void finish() throws Exception {
		for (Future<?> client : this.running) {
			client.get(3, TimeUnit.MINUTES);
		}
	}

	/**
	 * Waits until the workers have done every confirmed task, and counts those done more than
	 * once (a redelivery after the failure cut off the acknowledgement).
	 */
	Done awaitDone(DeliveryLog deliveryLog) {
		Awaitility.await()
			.atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(notDone(deliveryLog)).as("confirmed tasks no worker did (lost)").isEmpty());
		Map<String, Long> doneCounts = done(deliveryLog).stream()
			.collect(Collectors.groupingBy(Delivery::messageId, Collectors.counting()));
		long duplicates = doneCounts.values().stream().mapToLong((count) -> count - 1).sum();
		long refusedButTaken = doneCounts.keySet().stream().filter((id) -> !this.confirmed.contains(id)).count();
		return new Done(duplicates, refusedButTaken);
	}

	private Set<String> notDone(DeliveryLog deliveryLog) {
		Set<String> done = done(deliveryLog).stream().map(Delivery::messageId).collect(Collectors.toSet());
		return this.confirmed.stream().filter((id) -> !done.contains(id)).collect(Collectors.toSet());
	}

	private List<Delivery> done(DeliveryLog deliveryLog) {
		return deliveryLog.newest((delivery) -> delivery.pattern() == MessagingPattern.WORK_QUEUES
				&& delivery.ackedAt() != null && delivery.messageId() != null
				&& delivery.body().startsWith(this.marker), Integer.MAX_VALUE);
	}

	@Override
	public void close() {
		this.clients.shutdownNow();
	}

	/**
	 * A 503.
	 *
	 * @param atNanos when it came ({@link System#nanoTime()})
	 * @param body its problem+json
	 */
	record Refusal(long atNanos, String body) {
	}

	/**
	 * What the workers did with the load's tasks.
	 *
	 * @param duplicates tasks done once more than once
	 * @param refusedButTaken tasks done whose request got a 503: the broker had taken them
	 */
	record Done(long duplicates, long refusedButTaken) {
	}

}
