package io.github.amqppatterns.live;

import java.util.Map;

import io.github.amqppatterns.broker.LiveEvent;
import io.github.amqppatterns.broker.Protocol;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageJourneysTests {

	@Test
	void forgetsTheMessageSeenFirstPastItsBound() {
		MessageJourneys journeys = new MessageJourneys(new LiveProperties(2, 10, 2), new SimpleMeterRegistry());
		journeys.record(published("m1"));
		journeys.record(published("m2"));
		journeys.record(delivered("m1", "worker-1"));
		journeys.record(published("m3"));

		assertThat(journeys.journey("m1")).as("seen first, though its last step is newer than m2's").isEmpty();
		assertThat(journeys.journey("m2")).isPresent();
		assertThat(journeys.journey("m3")).isPresent();
	}

	@Test
	void keepsNothingWhenTheBoundIsZero() {
		MessageJourneys journeys = new MessageJourneys(new LiveProperties(2, 10, 0), new SimpleMeterRegistry());
		journeys.record(published("m1"));

		assertThat(journeys.keeping()).isFalse();
		assertThat(journeys.journey("m1")).isEmpty();
	}

	@Test
	void countsTheStepsPastItsLimitWithoutKeepingThem() {
		MessageJourneys journeys = new MessageJourneys(new LiveProperties(2, 10, 10), new SimpleMeterRegistry());
		journeys.record(published("m1"));
		for (int i = 0; i < MessageJourneys.MAX_STEPS + 4; i++) {
			journeys.record(delivered("m1", "worker-1"));
		}

		Journey journey = journeys.journey("m1").orElseThrow();
		assertThat(journey.steps()).hasSize(MessageJourneys.MAX_STEPS);
		assertThat(journey.stepsLeftOut()).isEqualTo(5);
	}

	@Test
	void tellsAReplayedDeadLetterByItsLastPublish() {
		MessageJourneys journeys = new MessageJourneys(new LiveProperties(2, 10, 10), new SimpleMeterRegistry());
		journeys.record(published("m1"));
		journeys.record(delivered("m1", "worker-1"));
		journeys.record(LiveEvent.delivered("dead-lettered", "amqp-0-9-1", "workqueues", "worker-1", "task_queue", "",
				"task_queue", "m1", "poison", false, "to task_queue.dlq", null));
		journeys.record(published("m1"));

		Journey journey = journeys.journey("m1").orElseThrow();
		assertThat(journey.outcome()).isEqualTo("published");
		assertThat(journey.publishedAt()).isEqualTo(journey.steps().get(0).at());
	}

	private static LiveEvent published(String messageId) {
		return LiveEvent.published(Protocol.AMQP_0_9_1, "", "task_queue", messageId, "a task", Map.of());
	}

	private static LiveEvent delivered(String messageId, String consumer) {
		return LiveEvent.delivered("delivered", "amqp-0-9-1", "workqueues", consumer, "task_queue", "", "task_queue",
				messageId, "a task", false, null, null);
	}

}
