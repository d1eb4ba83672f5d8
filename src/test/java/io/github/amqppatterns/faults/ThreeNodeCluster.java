package io.github.amqppatterns.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.github.amqppatterns.RabbitMqContainers;
import org.awaitility.Awaitility;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three-node RabbitMQ cluster of the cluster tests: three containers on a network of their
 * own, clustered by configuration as {@code docker-compose.cluster.yml} clusters them, shared by
 * every such test of a test JVM and gone when the JVM ends.
 * <p>
 * Before any service connects, a plain client on node {@value #LEADER_NODE} declares
 * {@code task_queue} as the tutorial does: a quorum queue's leader is placed on the node of the
 * connection that declares it, so its leader is there, while the service connects to node
 * {@value #SERVICE_NODE} first ({@code spring.rabbitmq.address-shuffle-mode=none}). Killing the
 * leader then leaves the service's own connection alone.
 */
final class ThreeNodeCluster {

	/** The node the service connects to, at first. */
	static final int SERVICE_NODE = 1;

	/** The node that leads {@code task_queue}, at first. */
	static final int LEADER_NODE = 2;

	static final int NODES = 3;

	/** The service's quorum queues. */
	static final List<String> NAMED_QUEUES = List.of("hello", "task_queue", "task_queue.dlq", "rpc_queue");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static ThreeNodeCluster shared;

	private final Network network;

	private final List<BrokerNode> nodes;

	private ThreeNodeCluster(Network network, List<BrokerNode> nodes) {
		this.network = network;
		this.nodes = nodes;
	}

	static synchronized ThreeNodeCluster shared() {
		if (shared == null) {
			shared = start();
			shared.declareTaskQueueOn(LEADER_NODE);
		}
		return shared;
	}

	private static ThreeNodeCluster start() {
		Network network = Network.newNetwork();
		String peers = IntStream.rangeClosed(1, NODES)
			.mapToObj((i) -> "cluster_formation.classic_config.nodes." + i + " = rabbit@" + hostname(i))
			.collect(Collectors.joining("\n"));
		List<RabbitMQContainer> containers = IntStream.rangeClosed(1, NODES)
			.mapToObj((i) -> RabbitMqContainers
				.create("cluster_formation.peer_discovery_backend = classic_config", peers,
						"quorum_queue.continuous_membership_reconciliation.enabled = true",
						"quorum_queue.continuous_membership_reconciliation.target_group_size = 3")
				.withNetwork(network)
				.withNetworkAliases(hostname(i))
				.withCreateContainerCmdModifier((create) -> create.withHostName(hostname(i)))
				.withEnv("RABBITMQ_ERLANG_COOKIE", "amqp-patterns-tests-cluster-cookie"))
			.toList();
		Startables.deepStart(containers).join();
		List<BrokerNode> nodes = IntStream.range(0, NODES)
			.mapToObj((i) -> new BrokerNode(containers.get(i), hostname(i + 1)))
			.toList();
		return new ThreeNodeCluster(network, nodes);
	}

	private static String hostname(int node) {
		return "rabbit-" + node;
	}

	/** Node {@code node}, counting from 1. */
	BrokerNode node(int node) {
		return this.nodes.get(node - 1);
	}

	/** The nodes' names, as RabbitMQ reports members and leaders. */
	Set<String> nodeNames() {
		return this.nodes.stream().map(BrokerNode::nodeName).collect(Collectors.toSet());
	}

	/** {@code host:port,...}, node 1 first: for {@code spring.rabbitmq.addresses}. */
	String addresses() {
		return this.nodes.stream().map(BrokerNode::address).collect(Collectors.joining(","));
	}

	/** The node a service's connection is on, read off the connection itself. */
	int nodeOf(CachingConnectionFactory service) {
		int port = service.createConnection().getDelegate().getPort();
		return IntStream.rangeClosed(1, NODES)
			.filter((node) -> node(node).port() == port)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Port " + port + " is none of " + addresses()));
	}

	/** The node named {@code nodeName}, as RabbitMQ reports leaders. */
	private int nodeNamed(String nodeName) {
		return IntStream.rangeClosed(1, NODES)
			.filter((node) -> node(node).nodeName().equals(nodeName))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(nodeName + " is none of the cluster's nodes"));
	}

	/** The node leading {@code queue}. */
	int leaderOf(String queue) {
		return nodeNamed(queueStatus(queue).get("leader").asString());
	}

	/** Makes node {@code node} lead {@code queue}, where an earlier fault has moved its leader. */
	void lead(String queue, int node) {
		if (leaderOf(queue) != node) {
			node(node).ctl("rabbitmq-queues", "transfer_leadership", queue, node(node).nodeName());
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> leaderOf(queue) == node);
		}
	}

	/** The named queues whose leader is on {@code node}, read there in one call. */
	List<String> queuesLedBy(int node) {
		String name = node(node).nodeName();
		List<String> led = new ArrayList<>();
		for (JsonNode queue : queues(node)) {
			if (NAMED_QUEUES.contains(queue.get("name").asString()) && name.equals(queue.get("leader").asString())) {
				led.add(queue.get("name").asString());
			}
		}
		return led;
	}

	/** {@code queue}'s type, leader, members and the members online, as node 1 sees them. */
	JsonNode queueStatus(String queue) {
		JsonNode status = queueStatuses().get(queue);
		if (status == null) {
			throw new IllegalStateException("No queue " + queue + " on the cluster");
		}
		return status;
	}

	/** {@link #queueStatus(String)} of every queue and stream, by name, read in one call. */
	Map<String, JsonNode> queueStatuses() {
		Map<String, JsonNode> statuses = new HashMap<>();
		queues(1).forEach((queue) -> statuses.put(queue.get("name").asString(), queue));
		return statuses;
	}

	/** Waits until every node is back and every named queue has all three members online. */
	void awaitEveryNodeOnline() {
		Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (String queue : NAMED_QUEUES) {
				assertThat(queueStatus(queue).get("online").size()).as(queue + "'s members online").isEqualTo(NODES);
			}
		});
	}

	private JsonNode queues(int node) {
		return json.readTree(node(node).ctl("rabbitmqctl", "list_queues", "-q", "--formatter", "json", "name", "type",
				"leader", "members", "online"));
	}

	/** Cuts node {@code node} off from the others and from every client. */
	void partition(int node) {
		node(node).disconnect(this.network);
	}

	/** Ends {@link #partition(int)}. */
	void heal(int node) {
		node(node).connect(this.network, hostname(node));
	}

	private void declareTaskQueueOn(int node) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(node(node).host());
		factory.setPort(node(node).port());
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			channel.queueDeclare("task_queue", true, false, false, Map.of("x-queue-type", "quorum"));
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Could not declare task_queue on node " + node, ex);
		}
	}

	/** The service's connection settings for the cluster: every node, node 1 first, in that order. */
	Map<String, Object> serviceProperties() {
		return Map.of("spring.rabbitmq.addresses", addresses(), "spring.rabbitmq.address-shuffle-mode", "none",
				"spring.rabbitmq.username", "guest", "spring.rabbitmq.password", "guest",
				"amqp-patterns.embedded-broker.enabled", "false", "spring.rabbitmq.stream.host", node(1).host(),
				"spring.rabbitmq.stream.port", node(1).streamPort());
	}

	/** Points each cluster test's service at the cluster. */
	static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new PropertiesFirst("threeNodeCluster", () -> shared().serviceProperties());
		}

	}

}
