package io.github.amqppatterns.workqueues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.GetResponse;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task a worker fails on: retried with a backoff (50, 100, 200 ms here), then dead-lettered to
 * {@code task_queue.dlq}, while the other tasks flow.
 */
@IntegrationTest
class PoisonTaskTests {

	@Autowired
	TutorialClient client;

	@Autowired
	RabbitTemplate rabbitTemplate;

	@Value("${amqp-patterns.work.max-retries:3}")
	int maxRetries;

	/** The poison tasks this class posted, to take out of the dead-letter queue when it is done. */
	private final Set<String> posted = ConcurrentHashMap.newKeySet();

	/** Takes this test's dead letters off the queue; any other client's stay, in their place. */
	@AfterEach
	void takeOwnDeadLetters() {
		this.rabbitTemplate.execute((channel) -> {
			long count = channel.queueDeclarePassive(WorkQueueTopology.DEAD_LETTER_QUEUE).getMessageCount();
			long lastOther = -1;
			for (long i = 0; i < count; i++) {
				GetResponse response = channel.basicGet(WorkQueueTopology.DEAD_LETTER_QUEUE, false);
				if (response == null) {
					break;
				}
				if (this.posted.contains(response.getProps().getMessageId())) {
					channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
				}
				else {
					lastOther = response.getEnvelope().getDeliveryTag();
				}
			}
			if (lastOther >= 0) {
				channel.basicNack(lastOther, true, true);
			}
			return null;
		});
	}

	@Test
	void deadLettersAPoisonTaskAfterEveryRetryWhileTheOtherTasksAreDone() {
		String marker = marker();
		List<Published> good = new ArrayList<>();
		for (int i = 1; i <= 50; i++) {
			good.add(this.client.postText("/api/tasks", "good " + i + " " + marker));
		}
		Published poison = postPoison(marker);
		for (int i = 51; i <= 100; i++) {
			good.add(this.client.postText("/api/tasks", "good " + i + " " + marker));
		}

		Delivery deadLettered = awaitDeadLettered(poison);
		assertThat(deadLettered.attempts()).isEqualTo(this.maxRetries + 1);
		assertThat(deadLettered.failure()).contains("poison");
		assertThat(deadLettered.ackedAt()).isNull();
		assertThat(Duration.between(deadLettered.receivedAt(), deadLettered.deadLetteredAt()))
			.as("the backoff between the tries: 50 + 100 + 200 ms")
			.isGreaterThanOrEqualTo(Duration.ofMillis(350));
		List<Delivery> done = eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
				(d) -> d.body().startsWith("good") && d.body().contains(marker) && d.ackedAt() != null),
				(all) -> all.size() >= 100);
		assertThat(done).extracting(Delivery::messageId)
			.containsExactlyInAnyOrderElementsOf(good.stream().map(Published::messageId).toList());
		assertThat(done).allSatisfy((delivery) -> assertThat(delivery.attempts()).isOne());

		DeadLetters.DeadLetter letter = awaitListed(poison);
		assertThat(letter.body()).isEqualTo("poison " + marker);
		assertThat(letter.attempts()).isEqualTo(this.maxRetries + 1);
		assertThat(letter.reason()).contains("poison");
		assertThat(this.client.deliveries(MessagingPattern.WORK_QUEUES, marker))
			.filteredOn((delivery) -> poison.messageId().equals(delivery.messageId()))
			.as("one delivery: the retries are the worker's, not redeliveries")
			.hasSize(1);
	}

	@Test
	void listsDeadLettersWithoutTakingThemOffTheQueue() {
		Published poison = postPoison(marker());
		awaitListed(poison);

		DeadLetters.Listing again = this.client.get("/api/dead-letters?limit=100", DeadLetters.Listing.class);
		assertThat(again.messages()).isGreaterThanOrEqualTo(again.shown().size());
		assertThat(again.shown()).extracting(DeadLetters.DeadLetter::messageId).contains(poison.messageId());
	}

	@Test
	void replaysDeadLettersToTheWorkQueue() {
		String marker = marker();
		Published poison = postPoison(marker);
		awaitListed(poison);

		DeadLetters.Replay replay = this.client.http()
			.post()
			.uri("/api/dead-letters/replay")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(DeadLetters.Replay.class)
			.returnResult()
			.getResponseBody();
		assertThat(replay).isNotNull();
		assertThat(replay.replayed()).as("ours, and any other client's").isPositive();

		// back in task_queue with its message_id, a worker tries it again, and gives up again
		List<Delivery> deliveries = eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
				(d) -> poison.messageId().equals(d.messageId()) && d.deadLetteredAt() != null),
				(all) -> all.size() == 2);
		assertThat(deliveries).allSatisfy((delivery) -> assertThat(delivery.attempts()).isEqualTo(this.maxRetries + 1));
		awaitListed(poison);
	}

	private Published postPoison(String marker) {
		Published poison = this.client.postText("/api/tasks", "poison " + marker);
		this.posted.add(poison.messageId());
		return poison;
	}

	private Delivery awaitDeadLettered(Published task) {
		return eventually().atMost(Duration.ofSeconds(30))
			.until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
					(d) -> task.messageId().equals(d.messageId()) && d.deadLetteredAt() != null),
					(all) -> !all.isEmpty())
			.get(0);
	}

	private DeadLetters.DeadLetter awaitListed(Published task) {
		return eventually().until(() -> this.client.get("/api/dead-letters?limit=100", DeadLetters.Listing.class)
			.shown()
			.stream()
			.filter((letter) -> task.messageId().equals(letter.messageId()))
			.toList(), (found) -> found.size() == 1).get(0);
	}

}
