package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker goes away (stopped, or hung with {@code SIGSTOP}) under a running service: requests
 * fail fast and say why, health says DOWN, and once the broker is back every pattern delivers
 * again by itself, server-named subscriber queues included, with no restart of the service.
 */
@FaultInjectionTest
class BrokerOutageTests {

	static final Duration FAIL_FAST = Duration.ofSeconds(2);

	/**
	 * Consumers try to come back every {@code amqp-patterns.listener.recovery-interval} (1 s): every
	 * pattern delivered again 1.0–1.9 s after {@code start_app} here. With Spring AMQP's default of
	 * 5 s it took 6.3–8.3 s, and once over 10 s.
	 */
	static final Duration HEAL = Duration.ofSeconds(5);

	/** How often the heal is checked: a publish at most this often per pattern. */
	static final Duration POLL = Duration.ofMillis(50);

	/** {@code amqp-patterns.publish.confirm-timeout} (2 s) and 1 s to spare. */
	static final Duration HUNG_BOUND = Duration.ofSeconds(3);

	/**
	 * An RPC call may wait out {@code spring.rabbitmq.channel-rpc-timeout} (2 s) twice: once for
	 * the direct reply-to container restarting a reply consumer just then, once for the check for a
	 * server after {@code amqp-patterns.rpc.server-check-after} (100 ms); and 1 s to spare.
	 */
	static final Duration HUNG_RPC_BOUND = Duration.ofMillis(2 * 2000 + 100 + 1000);

	@LocalServerPort
	int port;

	@Autowired
	DeliveryLog deliveryLog;

	HttpUser user;

	@BeforeEach
	void everyPatternDelivers() {
		this.user = new HttpUser(this.port);
		awaitEveryPatternDelivers(Duration.ofSeconds(30));
	}

	@Test
	void answers503AndDownWhileTheBrokerIsStoppedAndHealsByItself() {
		PrivateRabbitNode node = PrivateRabbitNode.shared();
		node.stopApp();
		HttpUser.Answer publish;
		HttpUser.Answer health;
		HttpUser.Answer readiness;
		try {
			publish = this.user.postText("/api/hello", "while stopped");
			health = this.user.get("/actuator/health");
			readiness = this.user.get("/actuator/health/readiness");
		}
		finally {
			node.startApp();
		}
		long healMillis = millisUntilEveryPatternDelivers();
		FaultReport.record("stop_app, then start_app", "publish answered " + publish.status() + " in "
				+ publish.took().toMillis() + " ms, health " + health.status() + " in " + health.took().toMillis()
				+ " ms, readiness " + readiness.status() + " in " + readiness.took().toMillis()
				+ " ms; every pattern delivered again " + healMillis + " ms after start_app");

		assertThat(publish.status()).isEqualTo(503);
		assertThat(publish.contentType()).isEqualTo("application/problem+json");
		assertThat(publish.took()).isLessThan(FAIL_FAST);
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.body()).contains("\"DOWN\"");
		assertThat(health.took()).isLessThan(FAIL_FAST);
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(readiness.took()).isLessThan(FAIL_FAST);
		assertThat(this.user.get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void boundsEveryRequestWhileTheBrokerHangsAndHealsWhenItResumes() {
		PrivateRabbitNode node = PrivateRabbitNode.shared();
		List<HttpUser.Answer> publishes = new ArrayList<>();
		HttpUser.Answer fib;
		node.pause();
		try {
			for (int i = 0; i < 3; i++) {
				publishes.add(this.user.postText("/api/hello", "while hung " + i));
			}
			fib = this.user.get("/api/fib/10");
		}
		finally {
			node.resume();
		}
		long healMillis = millisUntilEveryPatternDelivers();
		FaultReport.record("SIGSTOP, then SIGCONT",
				"3 publishes answered " + publishes.stream().map((a) -> a.status() + " in " + a.took().toMillis() + " ms")
					.collect(Collectors.joining(", ")) + "; GET /api/fib/10 " + fib.status() + " in "
						+ fib.took().toMillis() + " ms; every pattern delivered again " + healMillis
						+ " ms after SIGCONT");

		assertThat(publishes).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.contentType()).isEqualTo("application/problem+json");
			assertThat(answer.took()).isLessThan(HUNG_BOUND);
		});
		assertThat(fib.status()).isIn(503, 504);
		assertThat(fib.took()).isLessThan(HUNG_RPC_BOUND);
	}

	/** How long, from now, until every pattern delivers again; at most {@link #HEAL}. */
	private long millisUntilEveryPatternDelivers() {
		long started = System.nanoTime();
		awaitEveryPatternDelivers(HEAL);
		return (System.nanoTime() - started) / 1_000_000;
	}

	/** Publishes to every pattern until each consumer got one of the messages, within {@code atMost}. */
	private void awaitEveryPatternDelivers(Duration atMost) {
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
