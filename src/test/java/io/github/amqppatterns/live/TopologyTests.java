package io.github.amqppatterns.live;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.github.amqppatterns.TutorialClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code GET /api/topology} is what the service declared, read from its beans.
 */
@IntegrationTest
class TopologyTests {

	@Autowired
	TutorialClient client;

	@Test
	void groupsTheDeclarationsByPattern() {
		Topology topology = topology();

		assertThat(topology.groups()).extracting(Topology.Group::id)
			.contains("hello", "workqueues", "pubsub", "routing", "topics", "rpc", "headers");
		assertThat(group(topology, "pubsub").exchanges()).containsExactly(new Topology.ExchangeInfo("logs", "fanout",
				false));
		assertThat(group(topology, "hello").bindings()).containsExactly(new Topology.BindingInfo("", "hello", "hello",
				Map.of()));
	}

	@Test
	void showsTutorialFivesBindingsAndWhoConsumesEachQueue() {
		eventually().untilAsserted(() -> {
			Topology.Group topics = group(topology(), "topics");
			Map<String, List<String>> keysByConsumer = topics.queues()
				.stream()
				.filter((queue) -> queue.consumers().size() == 1)
				.collect(Collectors.toMap((queue) -> queue.consumers().get(0), (queue) -> topics.bindings()
					.stream()
					.filter((binding) -> binding.queue().equals(queue.name()))
					.map(Topology.BindingInfo::key)
					.toList()));
			assertThat(keysByConsumer).contains(entry("Q1", List.of("*.orange.*")),
					entry("Q2", List.of("*.*.rabbit", "lazy.#")), entry("kern-critical", List.of("*.critical", "kern.*")));
		});
	}

	@Test
	void showsQueueDepthsAndBothWorkers() {
		eventually().untilAsserted(() -> {
			Topology.QueueInfo taskQueue = group(topology(), "workqueues").queues().get(0);
			assertThat(taskQueue.name()).isEqualTo("task_queue");
			assertThat(taskQueue.messages()).isNotNull();
			assertThat(taskQueue.consumers()).containsExactly("worker-1", "worker-2");
			assertThat(taskQueue.brokerConsumers()).isEqualTo(2);
		});
	}

	@Test
	void listsOnlyQueuesThatExistOnTheBroker() {
		eventually().untilAsserted(() -> assertThat(topology().groups()).flatExtracting(Topology.Group::queues)
			.allSatisfy((queue) -> assertThat(queue.messages()).as("depth of %s", queue.name()).isNotNull()));
	}

	private Topology topology() {
		return this.client.get("/api/topology", Topology.class);
	}

	private static Topology.Group group(Topology topology, String id) {
		return topology.groups().stream().filter((group) -> group.id().equals(id)).findFirst().orElseThrow();
	}

}
