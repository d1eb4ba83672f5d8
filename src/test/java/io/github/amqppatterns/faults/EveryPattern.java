package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.amqppatterns.HttpUser;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;

/**
 * Whether every pattern of a running service delivers: each consumer gets a message published
 * over HTTP, and the RPC answers. How the fault-injection tests tell that the service has healed.
 */
final class EveryPattern {

	/** How often the heal is checked: a publish at most this often per pattern. */
	static final Duration POLL = Duration.ofMillis(50);

	private final HttpUser user;

	private final DeliveryLog deliveryLog;

	EveryPattern(HttpUser user, DeliveryLog deliveryLog) {
		this.user = user;
		this.deliveryLog = deliveryLog;
	}

	/** How long, from now, until every pattern delivers again; at most {@code atMost}. */
	long millisUntilDelivering(Duration atMost) {
		long started = System.nanoTime();
		awaitDelivering(atMost);
		return (System.nanoTime() - started) / 1_000_000;
	}

	/** Publishes to every pattern until each consumer got one of the messages, within {@code atMost}. */
	void awaitDelivering(Duration atMost) {
		long deadline = System.nanoTime() + atMost.toNanos();
		awaitDelivered(deadline, MessagingPattern.HELLO, () -> this.user.postText("/api/hello", "back"), "hello-receiver");
		awaitDelivered(deadline, MessagingPattern.WORK_QUEUES, () -> this.user.postText("/api/tasks", "back"),
				"worker-1", "worker-2");
		awaitDelivered(deadline, MessagingPattern.PUBSUB, () -> this.user.postText("/api/logs", "back"),
				"logs-subscriber-1", "logs-subscriber-2");
		awaitDelivered(deadline, MessagingPattern.ROUTING, () -> this.user.postText("/api/logs/error", "back"),
				"error-only", "all-severities");
		awaitDelivered(deadline, MessagingPattern.TOPICS,
				() -> this.user.postText("/api/topics/quick.orange.rabbit", "back"), "Q1", "Q2");
		awaitDelivered(deadline, MessagingPattern.HEADERS,
				() -> this.user.postJson("/api/headers", "{\"headers\":{\"format\":\"pdf\",\"type\":\"report\"}}"),
				"match-all", "match-any");
		Awaitility.await()
			.atMost(remaining(deadline))
			.pollDelay(Duration.ZERO)
			.pollInterval(POLL)
			.until(() -> this.user.get("/api/fib/10").body().contains("\"55\""));
	}

	/**
	 * Publishes with {@code publish} until each of {@code consumers} received one of the messages
	 * it published (a message published before a subscriber's queue is back reaches no queue).
	 */
	private void awaitDelivered(long deadline, MessagingPattern pattern, Supplier<HttpUser.Answer> publish,
			String... consumers) {
		List<String> published = new ArrayList<>();
		Awaitility.await().atMost(remaining(deadline)).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
			Set<String> ids = Set.copyOf(published);
			Set<String> receivers = this.deliveryLog
				.newest((delivery) -> delivery.pattern() == pattern && ids.contains(delivery.messageId()), 1000)
				.stream()
				.map(Delivery::consumer)
				.collect(Collectors.toSet());
			if (receivers.containsAll(List.of(consumers))) {
				return true;
			}
			HttpUser.Answer answer = publish.get();
			if (answer.status() == 202 && answer.messageId() != null) {
				published.add(answer.messageId());
			}
			return false;
		});
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
	}

}
