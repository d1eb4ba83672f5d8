package io.github.amqppatterns.live;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.workqueues.OwnDeadLetters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/messages/{messageId}}: a message's story, told by the events the page gets. */
@IntegrationTest
class JourneyTests {

	static final String DEAD_LETTER_QUEUE = "task_queue.dlq";

	@Autowired
	TutorialClient client;

	@Autowired
	RabbitTemplate rabbitTemplate;

	@Value("${amqp-patterns.work.max-retries:3}")
	int maxRetries;

	private final Set<String> poisoned = ConcurrentHashMap.newKeySet();

	@AfterEach
	void takeOwnDeadLetters() {
		OwnDeadLetters.take(this.rabbitTemplate, this.poisoned);
	}

	@Test
	void tellsAHelloMessagePublishedConfirmedAndDelivered() {
		Published published = this.client.postText("/api/hello", "journey " + marker());

		Journey journey = eventually().until(() -> journey(published.messageId()),
				(told) -> "delivered".equals(told.outcome()));
		assertThat(journey.protocol()).isEqualTo("amqp-0-9-1");
		assertThat(journey.exchange()).isEmpty();
		assertThat(journey.routingKey()).isEqualTo("hello");
		assertThat(journey.pattern()).isEqualTo("hello");
		assertThat(journey.queues()).containsExactly("hello");
		assertThat(journey.consumers()).containsExactly("hello-receiver");
		assertThat(journey.steps()).extracting(Journey.Step::kind)
			.as("the publish first; the confirm and the delivery race each other")
			.startsWith("published")
			.containsExactlyInAnyOrder("published", "confirmed", "delivered");
		assertThat(journey.steps()).extracting(Journey.Step::at).isSorted();
		assertThat(journey.steps().get(0).afterMillis()).isZero();
		assertThat(journey.publishedAt()).isEqualTo(journey.steps().get(0).at());
		assertThat(journey.steps()).filteredOn((step) -> step.kind().equals("confirmed"))
			.singleElement()
			.satisfies((step) -> assertThat(step.routed()).as("known where the broker returns unroutables")
				.isNotEqualTo(Boolean.FALSE));
	}

	@Test
	void endsAPoisonTaskDeadLetteredAfterItsTries() {
		Published poison = this.client.postText("/api/tasks", "poison " + marker());
		this.poisoned.add(poison.messageId());

		Journey journey = eventually().atMost(Duration.ofSeconds(30))
			.until(() -> journey(poison.messageId()), (told) -> "dead-lettered".equals(told.outcome()));
		int tries = this.maxRetries + 1;
		assertThat(journey.failedAttempts()).isEqualTo(tries);
		List<String> kinds = journey.steps().stream().map(Journey.Step::kind).toList();
		assertThat(kinds.get(0)).isEqualTo("published");
		assertThat(kinds).containsSubsequence("delivered", "failed", "failed", "failed", "failed", "dead-lettered")
			.endsWith("dead-lettered");
		assertThat(kinds).filteredOn("failed"::equals).hasSize(tries);
		assertThat(journey.steps().get(kinds.size() - 1).detail()).isEqualTo("to " + DEAD_LETTER_QUEUE);
		assertThat(journey.consumers()).hasSize(1).first().asString().startsWith("worker-");
	}

	@Test
	void tellsAnRpcRequestAndItsReply() {
		String messageId = this.client.get("/api/fib/{n}", FibReply.class, 10).messageId();

		Journey journey = eventually().until(() -> journey(messageId), (told) -> told.reply() != null);
		assertThat(journey.reply()).isEqualTo("55");
		assertThat(journey.outcome()).isEqualTo("rpc-reply");
		assertThat(journey.body()).isEqualTo("10");
		assertThat(journey.steps()).extracting(Journey.Step::kind)
			.containsExactly("rpc-request", "delivered", "rpc-reply");
		assertThat(journey.consumers()).containsExactly("fib-server");
	}

	@Test
	void answersAnUnknownMessageWithA404Problem() {
		TutorialClient.expectProblem(this.client.http().get().uri("/api/messages/{id}", "never-" + marker()).exchange(),
				404, "amqp-patterns.live.journeys");
	}

	private Journey journey(String messageId) {
		return this.client.get("/api/messages/{id}", Journey.class, messageId);
	}

	record FibReply(String value, String messageId) {
	}

	/** Takes the given messages off the dead-letter queue; any other client's stay, in their place. */

}
