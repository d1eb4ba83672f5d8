package io.github.amqppatterns.live;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

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

	@Autowired
	RabbitConnectionDetails connection;

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

	/**
	 * Tutorial 2's queue is on the default exchange like tutorial 1's, beside the dead-letter exchange,
	 * which the workers publish to (not the producer).
	 */
	@Test
	void givesTutorialTwosQueueItsDefaultExchangeBindingAndItsWorkersTheirDeadLetterExchange() {
		Topology.Group work = group(topology(), "workqueues");
		assertThat(work.bindings()).containsExactlyInAnyOrder(
				new Topology.BindingInfo("", "task_queue", "task_queue", Map.of()),
				new Topology.BindingInfo("task_queue.dlx", "task_queue.dlq", "task_queue", Map.of()));
		assertThat(work.deadLetters()).containsExactly(new Topology.DeadLetterRoute("task_queue", "task_queue.dlx"));
		assertThat(group(topology(), "hello").deadLetters()).isEmpty();
	}

	@Test
	void describesTheStreamsAndTheSuperStreamsPartitionsWithTheirConsumers() {
		if (BrokerUnderTest.isEmbedded()) {
			Topology.Streams streams = topology().streams();
			assertThat(streams).isNotNull();
			assertThat(streams.available()).isFalse();
			assertThat(streams.unavailable()).contains("The embedded broker has no streams");
			return;
		}
		Runtime.Version version = BrokerUnderTest.rabbitMqVersion(this.connection);
		eventually().untilAsserted(() -> {
			Topology.Streams streams = topology().streams();
			assertThat(streams).isNotNull();
			assertThat(streams.streams()).extracting(Topology.StreamInfo::name)
				.containsExactly("hello-java-stream", "stream-offset-tracking-java");
			assertThat(streams.streams().get(0).consumers()).containsExactly("hello-stream-receiver");
			assertThat(streams.streams()).allSatisfy((stream) -> assertThat(stream.messages()).isNotNull());
			Topology.SuperStream superStream = streams.superStream();
			assertThat(superStream).isNotNull();
			assertThat(superStream.name()).isEqualTo("invoices");
			if (!superStream.available()) {
				assertThat(version).isLessThan(Runtime.Version.parse("3.13"));
				return;
			}
			// the group's two consumers share the three partitions: one active on each
			assertThat(superStream.partitions()).extracting(Topology.StreamInfo::name)
				.containsExactly("invoices-0", "invoices-1", "invoices-2");
			assertThat(superStream.partitions()).allSatisfy((partition) -> assertThat(partition.consumers())
				.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
				.startsWith("invoice-processor-"));
			// RabbitMQ 4 says each one's leader, one of its members
			if (version.feature() >= 4) {
				assertThat(superStream.partitions()).allSatisfy(
						(partition) -> assertThat(partition.members()).isNotNull().contains(partition.leader()));
			}
		});
	}

	private Topology topology() {
		return this.client.get("/api/topology", Topology.class);
	}

	private static Topology.Group group(Topology topology, String id) {
		return topology.groups().stream().filter((group) -> group.id().equals(id)).findFirst().orElseThrow();
	}

}
