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
 * Persistent tasks posted over HTTP by concurrent clients while a test breaks the broker under
 * them, until the test says the fault is over and a number of them got a {@code 202}: the load
 * goes on through the whole fault, however long the broker takes to go away. A client that gets
 * a 503 waits until the service says it is ready again, as a well-behaved client does. Afterwards, which confirmed tasks
 * the workers did: every one at least once (none lost), some maybe twice.
 */
final class TaskLoad implements AutoCloseable {

	private final HttpUser user;

	private final int tasks;

	private final String marker = "load" + System.nanoTime();

	private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

	private final Queue<Long> confirmedAt = new ConcurrentLinkedQueue<>();

	private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();

	private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sequence = new AtomicInteger();

	private volatile boolean finishing;

	private final ExecutorService clients;

	private final List<Future<?>> running;

	/**
	 * Starts {@code clients} clients posting until {@link #finish()} is called and at least
	 * {@code tasks} tasks are confirmed.
	 */
	TaskLoad(HttpUser user, int clients, int tasks) {
		this.user = user;
		this.tasks = tasks;
		this.clients = Executors.newFixedThreadPool(clients);
		this.running = IntStream.range(0, clients).mapToObj((i) -> this.clients.submit(this::post)).collect(Collectors.toList());
	}

	/**
	 * One client: posts until the load is finished. What goes wrong talking to the service (no answer
	 * in time, the service not ready again within a minute) is recorded as unexpected, and the
	 * client goes on, so that no client stops posting unseen.
	 */
	private void post() {
		while (!(this.finishing && this.confirmed.size() >= this.tasks) && !Thread.currentThread().isInterrupted()) {
			try {
				postOne();
			}
			catch (RuntimeException ex) {
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				this.unexpected.add(ex.toString());
			}
		}
	}

	private void postOne() {
		HttpUser.Answer answer = this.user.postText("/api/tasks", this.marker + " " + this.sequence.incrementAndGet());
		if (answer.status() == 202 && answer.messageId() != null) {
			this.confirmed.add(answer.messageId());
			this.confirmedAt.add(System.nanoTime());
		}
		else if (answer.status() == 503) {
			this.refusals.add(new Refusal(System.nanoTime(), answer.body()));
			Awaitility.await()
				.atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> this.user.get("/actuator/health/readiness").status() == 200);
		}
		else {
			this.unexpected.add(answer.status() + " " + answer.body());
		}
	}

	void awaitConfirmed(int count) {
		Awaitility.await()
			.atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(confirmed()).as(this::describe).isGreaterThanOrEqualTo(count));
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

	/** How many 202s came between {@code fromNanos} and {@code toNanos} ({@link System#nanoTime()}). */
	long confirmedBetween(long fromNanos, long toNanos) {
		return this.confirmedAt.stream().filter((at) -> at > fromNanos && at < toNanos).count();
	}

	/** What came back other than a 202 or a 503, or went wrong talking to the service. */
	List<String> unexpected() {
		return List.copyOf(this.unexpected);
	}

	/** The load so far, for a failure's message: what the clients got. */
	String describe() {
		List<String> unexpected = unexpected();
		return confirmed() + " confirmed, " + this.refusals.size() + " refused, " + unexpected.size() + " unexpected"
				+ (unexpected.isEmpty() ? "" : " (first: " + unexpected.get(0) + ")");
	}

	/** The 503s so far, in the order they came. */
	List<Refusal> refusals() {
		return List.copyOf(this.refusals);
	}

	/** Lets the clients stop once {@code tasks} tasks are confirmed, and waits until they have. */
	void finish() throws Exception {
		this.finishing = true;
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
