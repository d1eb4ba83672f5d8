package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least once, through a broker failure: 10,000 persistent tasks posted over HTTP by 8
 * concurrent clients; when about 3,000 are confirmed the broker goes away for 10 s. Every task
 * that got a {@code 202} is done at least once; duplicates (tasks done, whose acknowledgement the
 * failure cut off) are counted and reported, not forbidden.
 */
@FaultInjectionTest
class BrokerRestartTests {

	static final int TASKS = 10_000;

	static final int CLIENTS = 8;

	static final int FAULT_AT = 3_000;

	static final Duration OUTAGE = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	DeliveryLog deliveryLog;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Test
	void losesNoConfirmedTaskWhenTheBrokerStopsAndStartsMidStream() throws Exception {
		streamThrough("stop_app, 10 s, start_app", PrivateRabbitNode::stopApp, PrivateRabbitNode::startApp);
	}

	@Test
	void losesNoConfirmedTaskWhenTheBrokerIsKilledMidStream() throws Exception {
		streamThrough("kill -9, 10 s, start", PrivateRabbitNode::kill, PrivateRabbitNode::start);
	}

	/**
	 * Posts {@value #TASKS} tasks; at {@value #FAULT_AT} confirmed, {@code failure}, then, once the
	 * service has refused requests for {@link #OUTAGE}, {@code recovery}. A client that gets a 503
	 * waits until the service says it is ready again, as a well-behaved client does.
	 */
	private void streamThrough(String fault, Consumer<PrivateRabbitNode> failure,
			Consumer<PrivateRabbitNode> recovery) throws Exception {
		PrivateRabbitNode node = PrivateRabbitNode.shared();
		String marker = "f" + System.nanoTime();
		HttpUser user = new HttpUser(this.port);
		Set<String> confirmed = ConcurrentHashMap.newKeySet();
		AtomicInteger refused = new AtomicInteger();
		AtomicInteger unexpected = new AtomicInteger();
		AtomicInteger sequence = new AtomicInteger();
		AtomicLong firstConfirmedAfterFault = new AtomicLong();
		AtomicLong faultOverAt = new AtomicLong(Long.MAX_VALUE);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<?>> running = IntStream.range(0, CLIENTS).mapToObj((i) -> clients.submit(() -> {
				while (confirmed.size() < TASKS) {
					HttpUser.Answer answer = user.postText("/api/tasks", marker + " " + sequence.incrementAndGet());
					if (answer.status() == 202 && answer.messageId() != null) {
						confirmed.add(answer.messageId());
						if (System.nanoTime() > faultOverAt.get()) {
							firstConfirmedAfterFault.compareAndSet(0, System.nanoTime());
						}
					}
					else if (answer.status() == 503) {
						refused.incrementAndGet();
						// the service's own threads may die of the outage: not this wait's concern
						Awaitility.await()
							.dontCatchUncaughtExceptions()
							.atMost(Duration.ofMinutes(1))
							.pollInterval(Duration.ofMillis(20))
							.until(() -> user.get("/actuator/health/readiness").status() == 200);
					}
					else {
						unexpected.incrementAndGet();
					}
				}
			})).collect(Collectors.toList());

			Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> confirmed.size() >= FAULT_AT);
			int confirmedBeforeFault = confirmed.size();
			long faultStarted = System.nanoTime();
			int refusedBeforeFault = refused.get();
			failure.accept(node);
			Awaitility.await()
				.dontCatchUncaughtExceptions()
				.pollDelay(OUTAGE)
				.atMost(OUTAGE.plusSeconds(30))
				.until(() -> refused.get() > refusedBeforeFault);
			recovery.accept(node);
			faultOverAt.set(System.nanoTime());
			for (Future<?> client : running) {
				client.get(3, TimeUnit.MINUTES);
			}
			long healMillis = TimeUnit.NANOSECONDS.toMillis(firstConfirmedAfterFault.get() - faultOverAt.get());

			Awaitility.await()
				.atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(notDone(confirmed, marker)).as("confirmed tasks no worker did (lost)")
					.isEmpty());
			Map<String, Long> doneCounts = done(marker).stream()
				.collect(Collectors.groupingBy(Delivery::messageId, Collectors.counting()));
			long duplicates = doneCounts.values().stream().mapToLong((count) -> count - 1).sum();
			long recovered = doneCounts.keySet().stream().filter((id) -> !confirmed.contains(id)).count();
			FaultReport.record(fault, String.format(
					"%d tasks confirmed with a 202 (%d before the fault), 0 lost, %d duplicates (done again after a "
							+ "redelivery), %d requests refused with a 503 while the broker was away (%d ms), %d tasks "
							+ "done whose request got a 503 (the broker had taken them), first 202 %d ms after the "
							+ "broker was back",
					confirmed.size(), confirmedBeforeFault, duplicates, refused.get(),
					TimeUnit.NANOSECONDS.toMillis(faultOverAt.get() - faultStarted), recovered, healMillis));
			assertThat(unexpected.get()).as("answers other than 202 and 503").isZero();
			assertThat(refused.get()).as("503s while the broker was away").isPositive();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.amqpAdmin.getQueueInfo("task_queue"))
					.satisfies((queue) -> assertThat(queue.getMessageCount()).isZero()));
		}
		finally {
			clients.shutdownNow();
		}
	}

	/** The confirmed tasks no worker has done (yet). */
	private Set<String> notDone(Set<String> confirmed, String marker) {
		Set<String> done = done(marker).stream().map(Delivery::messageId).collect(Collectors.toSet());
		return confirmed.stream().filter((id) -> !done.contains(id)).collect(Collectors.toSet());
	}

	private List<Delivery> done(String marker) {
		return this.deliveryLog.newest((delivery) -> delivery.pattern() == MessagingPattern.WORK_QUEUES
				&& delivery.ackedAt() != null && delivery.messageId() != null && delivery.body().startsWith(marker),
				Integer.MAX_VALUE);
	}

}
