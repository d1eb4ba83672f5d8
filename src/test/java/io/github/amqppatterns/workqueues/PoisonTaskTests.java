package io.github.amqppatterns.workqueues;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageBuilder;
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

	@AfterEach
	void takeOwnDeadLetters() {
		OwnDeadLetters.take(this.rabbitTemplate, this.posted);
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
		String metrics = this.client.get("/actuator/prometheus", String.class);
		assertThat(counter(metrics, deadLettered.consumer(), "failed")).isGreaterThanOrEqualTo(this.maxRetries + 1);
		assertThat(counter(metrics, deadLettered.consumer(), "dead-lettered")).isGreaterThanOrEqualTo(1);
	}

	/** {@code amqp_patterns_work_attempts_total} of a worker and outcome. */
	private static double counter(String prometheus, String worker, String outcome) {
		Matcher line = Pattern.compile("^amqp_patterns_work_attempts_total\\{(?=[^}]*outcome=\"" + outcome
				+ "\")(?=[^}]*worker=\"" + worker + "\")[^}]*} (\\S+)$", Pattern.MULTILINE).matcher(prometheus);
		return line.find() ? Double.parseDouble(line.group(1)) : 0;
	}

	@Test
	void listsDeadLettersWithoutTakingThemOffTheQueue() {
		Published poison = postPoison(marker());
		awaitListed(poison);

		// at once: the listing before this one may still be putting its messages back
		DeadLetters.Listing again = list(100);
		assertThat(again.messages()).as("counted while held").isGreaterThanOrEqualTo(again.shown().size());
		awaitListed(poison);
	}

	/**
	 * Each listing is a delivery of every message it shows ({@code basic.get}, then a requeue), and
	 * a quorum queue on RabbitMQ 4 drops a message delivered more than 20 times unless its
	 * declaration says otherwise. Listed 25 times, the dead letter is still there, and replays.
	 */
	@Test
	void keepsADeadLetterThroughManyListingsAndReplaysIt() {
		Published poison = postPoison(marker());
		awaitDeadLettered(poison);
		for (int listing = 1; listing <= 25; listing++) {
			awaitListed(poison);
		}

		eventually().until(this::replay, (replay) -> replay.replayed() > 0);
		eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
				(d) -> poison.messageId().equals(d.messageId()) && d.deadLetteredAt() != null),
				(all) -> all.size() == 2);
		awaitListed(poison);
	}

	@Test
	void countsEachDeadLetterOnceWhetherShownOrNot() {
		String marker = marker();
		Published first = postPoison(marker);
		Published second = postPoison(marker);
		awaitListed(first);
		awaitListed(second);

		// eventually: a listing can miss what the one before it is still putting back, in both its
		// count and what it shows; a wrong count stays wrong
		eventually().untilAsserted(() -> {
			DeadLetters.Listing one = list(1);
			DeadLetters.Listing all = list(100);
			assertThat(one.shown()).hasSize(1);
			assertThat(one.messages()).as("the shown one and the others, once each")
				.isGreaterThanOrEqualTo(2)
				.isEqualTo(all.messages());
			assertThat(all.shown()).as("every one put back where the next listing finds it")
				.hasSize((int) Math.min(all.messages(), 100));
		});
	}

	@Test
	void replaysDeadLettersToTheWorkQueue() {
		String marker = marker();
		Published poison = postPoison(marker);
		// recorded once the broker confirmed the dead letter (not a listing, which could still be
		// putting it back when the replay looks)
		awaitDeadLettered(poison);

		DeadLetters.Replay replay = replay();
		assertThat(replay.replayed()).as("ours, and any other client's").isPositive();

		// back in task_queue with its message_id, a worker tries it again, and gives up again
		List<Delivery> deliveries = eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES,
				(d) -> poison.messageId().equals(d.messageId()) && d.deadLetteredAt() != null),
				(all) -> all.size() == 2);
		assertThat(deliveries).allSatisfy((delivery) -> assertThat(delivery.attempts()).isEqualTo(this.maxRetries + 1));
		awaitListed(poison);
	}

	@Test
	void replaysEachMessageIdOncePerReplay() {
		String marker = marker();
		String messageId = "twice-" + marker;
		this.posted.add(messageId);
		for (int i = 0; i < 2; i++) { // as when a task was dead-lettered, replayed and failed again
			this.rabbitTemplate.send("", WorkQueueTopology.DEAD_LETTER_QUEUE,
					MessageBuilder.withBody(("task " + marker).getBytes(StandardCharsets.UTF_8))
						.setMessageId(messageId)
						.build());
		}
		eventually().until(() -> list(100).shown(),
				(shown) -> shown.stream().filter((letter) -> messageId.equals(letter.messageId())).count() == 2);

		// eventually: the listing just before may still be putting them back, and then a replay finds none
		eventually().until(this::replay, (replay) -> replay.replayed() > 0);

		eventually().until(() -> this.client.deliveries(MessagingPattern.WORK_QUEUES, marker),
				(deliveries) -> deliveries.size() == 1 && deliveries.get(0).ackedAt() != null);
		assertThat(awaitListed(messageId).body()).as("the second stays for the next replay").isEqualTo("task " + marker);
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

	private DeadLetters.Replay replay() {
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
		return replay;
	}

	private DeadLetters.Listing list(int limit) {
		return this.client.get("/api/dead-letters?limit=" + limit, DeadLetters.Listing.class);
	}

	private DeadLetters.DeadLetter awaitListed(Published task) {
		return awaitListed(task.messageId());
	}

	private DeadLetters.DeadLetter awaitListed(String messageId) {
		return eventually().until(() -> list(100).shown()
			.stream()
			.filter((letter) -> messageId.equals(letter.messageId()))
			.toList(), (found) -> found.size() == 1).get(0);
	}

}
