package io.github.amqppatterns.workqueues;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.PlainClient;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static io.github.amqppatterns.workqueues.Workers.WORKER_1;
import static io.github.amqppatterns.workqueues.Workers.WORKER_2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tutorial 2's lessons, with one unit of work ({@code .}) lasting 50 ms.
 */
@IntegrationTest
class WorkQueueTests {

	@Autowired
	TutorialClient client;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	RabbitConnectionDetails connectionDetails;

	@Autowired
	BrokerInUse broker;

	@BeforeEach
	void workersAreIdle() {
		// every task a worker ever took is done (by it or, after a redelivery, by the other)
		eventually().untilAsserted(() -> {
			List<Delivery> taken = this.client.deliveries(MessagingPattern.WORK_QUEUES, (d) -> d.messageId() != null);
			Map<String, Boolean> done = taken.stream()
				.collect(Collectors.toMap(Delivery::messageId, (d) -> d.ackedAt() != null || d.deadLetteredAt() != null, Boolean::logicalOr));
			assertThat(done).allSatisfy((id, acked) -> assertThat(acked).as("task %s done", id).isTrue());
			QueueInformation queue = this.amqpAdmin.getQueueInfo(WorkQueueTopology.QUEUE);
			assertThat(queue).isNotNull();
			assertThat(queue.getMessageCount()).isZero();
			assertThat(queue.getConsumerCount()).isEqualTo(2);
		});
	}

	@Test
	void deliversEachTaskToOneWorkerRoundRobin() {
		String marker = marker();
		List<Published> tasks = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			tasks.add(this.client.postText("/api/tasks", "task " + i + " " + marker + ".."));
		}

		List<Delivery> done = awaitDone(marker, 10);
		assertThat(done).extracting(Delivery::messageId)
			.containsExactlyInAnyOrderElementsOf(tasks.stream().map(Published::messageId).toList());
		assertThat(done.stream().collect(Collectors.groupingBy(Delivery::consumer, Collectors.counting())))
			.containsOnly(Map.entry(WORKER_1, 5L), Map.entry(WORKER_2, 5L));
	}

	@Test
	void givesNoNewTaskToABusyWorker() {
		String marker = marker();
		Published heavy = this.client.postText("/api/tasks", "heavy " + marker + ".".repeat(30));
		Delivery heavyTaken = awaitTaken(heavy);
		String busy = heavyTaken.consumer();
		String idle = busy.equals(WORKER_1) ? WORKER_2 : WORKER_1;

		for (int i = 1; i <= 4; i++) {
			this.client.postText("/api/tasks", "light " + i + " " + marker + ".");
		}

		List<Delivery> light = awaitDone(marker, 4, (d) -> d.body().startsWith("light"));
		assertThat(light).extracting(Delivery::consumer).containsOnly(idle);
		Instant lastLightDone = light.stream().map(Delivery::ackedAt).map(Objects::requireNonNull)
			.max(Instant::compareTo).orElseThrow();
		Delivery heavyDone = awaitDone(marker, 1, (d) -> d.body().startsWith("heavy")).get(0);
		assertThat(heavyDone.consumer()).isEqualTo(busy);
		assertThat(heavyDone.ackedAt()).isAfter(lastLightDone);
	}

	@Test
	void redeliversTheTaskOfAWorkerThatDiesMidTaskToTheOther() {
		String marker = marker();
		Published task = this.client.postText("/api/tasks", "long " + marker + ".".repeat(40));
		Delivery first = awaitTaken(task);
		assertThat(first.redelivered()).isFalse();
		String other = first.consumer().equals(WORKER_1) ? WORKER_2 : WORKER_1;

		AbstractMessageListenerContainer dead = killMidTask(first.consumer());
		try {
			Delivery redelivered = awaitDone(marker, 1, (d) -> d.consumer().equals(other)).get(0);
			assertThat(redelivered.messageId()).isEqualTo(task.messageId());
			assertThat(redelivered.redelivered()).isTrue();
			assertThat(this.client.deliveries(MessagingPattern.WORK_QUEUES, marker)).extracting(Delivery::consumer)
				.containsExactlyInAnyOrder(first.consumer(), other);
		}
		finally {
			// only now: a worker started again at once could take its own task back before the other
			dead.setShutdownTimeout(AbstractMessageListenerContainer.DEFAULT_SHUTDOWN_TIMEOUT);
			dead.start();
		}
	}

	@Test
	void keepsTasksAsPersistentMessagesOnTheDurableQueue() throws Exception {
		String text = "kept " + marker();
		this.listeners.getListenerContainer(WORKER_1).stop();
		this.listeners.getListenerContainer(WORKER_2).stop();
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection();
				Channel channel = connection.createChannel()) {
			this.client.postText("/api/tasks", text);

			// NewTask.java's declaration: the same queue, so no PRECONDITION_FAILED
			channel.queueDeclare(WorkQueueTopology.QUEUE, true, false, false,
					PlainClient.namedQueueArguments(this.broker));
			GetResponse response = eventually().until(() -> channel.basicGet(WorkQueueTopology.QUEUE, false),
					Objects::nonNull);
			assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo(text);
			assertThat(response.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
			assertThat(response.getProps().getContentType()).isEqualTo("text/plain");
			channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
		}
		finally {
			this.listeners.getListenerContainer(WORKER_1).start();
			this.listeners.getListenerContainer(WORKER_2).start();
		}
	}

	/**
	 * Stops a worker's container without waiting for its task: the container gives up after
	 * 100 ms and closes the worker's channel with the task unacknowledged, as when a worker dies.
	 * The caller starts it again, with the default shutdown timeout.
	 */
	private AbstractMessageListenerContainer killMidTask(String worker) {
		MessageListenerContainer container = this.listeners.getListenerContainer(worker);
		assertThat(container).isInstanceOf(AbstractMessageListenerContainer.class);
		AbstractMessageListenerContainer stoppable = (AbstractMessageListenerContainer) container;
		stoppable.setShutdownTimeout(100);
		stoppable.stop();
		return stoppable;
	}

	private Delivery awaitTaken(Published task) {
		return eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
				(d) -> task.messageId().equals(d.messageId())), (taken) -> !taken.isEmpty()).get(0);
	}

	private List<Delivery> awaitDone(String marker, int count) {
		return awaitDone(marker, count, (d) -> true);
	}

	private List<Delivery> awaitDone(String marker, int count, Function<Delivery, Boolean> which) {
		Duration atMost = Duration.ofSeconds(30);
		return eventually().atMost(atMost)
			.until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
					(d) -> d.body().contains(marker) && d.ackedAt() != null && which.apply(d)),
					(done) -> done.size() >= count);
	}

}
