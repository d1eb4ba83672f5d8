package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.amqppatterns.HttpUser;
import io.github.amqppatterns.ServiceProcess;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on the cluster, as {@code --scale app=2} runs them: this test's
 * and a second one in a process of its own. Their workers compete for {@code task_queue}, their
 * RPC servers share {@code rpc_queue}, and a task whose instance is killed mid-task is done by the
 * other.
 */
@ClusterTest
class TwoInstancesTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> WORKERS = List.of("worker-1", "worker-2");

	@LocalServerPort
	int port;

	@Autowired
	DeliveryLog deliveryLog;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	HttpUser here;

	ServiceProcess second;

	@BeforeEach
	void startSecondInstance() {
		this.here = new HttpUser(this.port);
		Map<String, Object> settings = new HashMap<>(ThreeNodeCluster.shared().serviceProperties());
		settings.put("spring.rabbitmq.address-shuffle-mode", "random");
		settings.put("amqp-patterns.work.time-per-dot", "50ms");
		this.second = new ServiceProcess(settings);
	}

	@AfterEach
	void stopSecondInstance() {
		this.second.kill();
		WORKERS.forEach((worker) -> this.listeners.getListenerContainer(worker).start());
	}

	@Test
	void spreadsTasksOverTheWorkersOfBothAndEitherAnswersTheRpc() {
		String marker = "spread" + System.nanoTime();
		List<String> posted = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			posted.add(this.here.postText("/api/tasks", marker + " " + i + ".").messageId());
		}

		Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<String> doneHere = doneHere(marker);
			List<String> doneThere = workThere(marker, true);
			assertThat(doneHere).as("done here").isNotEmpty();
			assertThat(doneThere).as("done by the second instance").isNotEmpty();
			List<String> all = new ArrayList<>(doneHere);
			all.addAll(doneThere);
			assertThat(all).as("each task once, by one instance or the other").containsExactlyInAnyOrderElementsOf(posted);
		});

		Set<String> servers = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			HttpUser.Answer answer = this.here.get("/api/fib/10");
			assertThat(answer.status()).isEqualTo(200);
			servers.add(json.readTree(answer.body()).get("server").asString().replaceAll("/.*", ""));
		}
		assertThat(servers).as("the instances (host:pid) whose RPC server answered")
			.anySatisfy((server) -> assertThat(server).endsWith(":" + ProcessHandle.current().pid()))
			.anySatisfy((server) -> assertThat(server).endsWith(":" + this.second.pid()));
		FaultReport.record("cluster: two instances", "20 tasks posted to one instance: " + doneHere(marker).size()
				+ " done by it, " + workThere(marker, true).size() + " by the other; 20 RPC calls answered by " + servers);
	}

	@Test
	void doesTheTaskOfAnInstanceKilledMidTaskOnTheOther() {
		WORKERS.forEach((worker) -> this.listeners.getListenerContainer(worker).stop());
		String marker = "killed" + System.nanoTime();
		String task = this.here.postText("/api/tasks", marker + " " + ".".repeat(40)).messageId();
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> workThere(marker, false).contains(task));

		long killed = System.nanoTime();
		this.second.kill();
		WORKERS.forEach((worker) -> this.listeners.getListenerContainer(worker).start());

		Delivery redone = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.deliveryLog.newest((delivery) -> task.equals(delivery.messageId())
					&& delivery.ackedAt() != null, 1), (done) -> !done.isEmpty())
			.get(0);
		FaultReport.record("cluster: an instance killed mid-task", "the other instance's " + redone.consumer()
				+ " did the task, redelivered, " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed)
				+ " ms after the kill (its 40 dots take 2 s)");
		assertThat(redone.redelivered()).isTrue();
	}

	private List<String> doneHere(String marker) {
		return this.deliveryLog
			.newest((delivery) -> delivery.pattern() == MessagingPattern.WORK_QUEUES && delivery.ackedAt() != null
					&& delivery.body().startsWith(marker), Integer.MAX_VALUE)
			.stream()
			.map(Delivery::messageId)
			.toList();
	}

	/** The tasks with {@code marker} the other instance's workers received, or did. */
	private List<String> workThere(String marker, boolean done) {
		return this.second.deliveries(MessagingPattern.WORK_QUEUES)
			.stream()
			.filter((delivery) -> delivery.body().startsWith(marker))
			.filter((delivery) -> !done || delivery.ackedAt() != null)
			.map(Delivery::messageId)
			.toList();
	}

}
