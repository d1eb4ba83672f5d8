package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.amqppatterns.HttpUser;
import io.github.amqppatterns.deliveries.DeliveryLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker goes away (stopped, or hung with {@code docker pause}) under a running service: requests
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

	EveryPattern everyPattern;

	@BeforeEach
	void everyPatternDelivers() {
		this.user = new HttpUser(this.port);
		this.everyPattern = new EveryPattern(this.user, this.deliveryLog);
		this.everyPattern.awaitDelivering(Duration.ofSeconds(30));
	}

	@Test
	void answers503AndDownWhileTheBrokerIsStoppedAndHealsByItself() {
		BrokerNode node = PrivateRabbitNode.shared();
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
		BrokerNode node = PrivateRabbitNode.shared();
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
		FaultReport.record("docker pause, then docker unpause",
				"3 publishes answered " + publishes.stream().map((a) -> a.status() + " in " + a.took().toMillis() + " ms")
					.collect(Collectors.joining(", ")) + "; GET /api/fib/10 " + fib.status() + " in "
						+ fib.took().toMillis() + " ms; every pattern delivered again " + healMillis
						+ " ms after docker unpause");

		assertThat(publishes).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.contentType()).isEqualTo("application/problem+json");
			assertThat(answer.took()).isLessThan(HUNG_BOUND);
		});
		assertThat(fib.status()).isIn(503, 504);
		assertThat(fib.took()).isLessThan(HUNG_RPC_BOUND);
	}

	private long millisUntilEveryPatternDelivers() {
		return this.everyPattern.millisUntilDelivering(HEAL);
	}

}
