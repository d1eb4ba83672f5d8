package io.github.amqppatterns.faults;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * The three-node RabbitMQ 4 cluster of the cluster tests ({@link RabbitMq4}), shared by every such
 * test of a test JVM and stopped when the JVM ends.
 * <p>
 * Before any service connects, a plain client on node {@value #LEADER_NODE} declares
 * {@code task_queue} as the tutorial does: a quorum queue's leader is placed on the node of the
 * connection that declares it, so its leader is there, while the service connects to node
 * {@value #SERVICE_NODE} first ({@code spring.rabbitmq.address-shuffle-mode=none}). Killing the
 * leader then leaves the service's own connection alone. The nodes have no stream plugin: the
 * service's stream protocol points at node 1's closed stream port, not at another broker's.
 */
final class ThreeNodeCluster {

	/** The node the service connects to, at first. */
	static final int SERVICE_NODE = 1;

	/** The node that leads {@code task_queue}, at first. */
	static final int LEADER_NODE = 2;

	private static RabbitMq4 shared;

	private ThreeNodeCluster() {
	}

	static synchronized RabbitMq4 shared() {
		if (shared == null) {
			RabbitMq4 cluster = RabbitMq4.start("cluster", 3);
			declareTaskQueueOn(cluster, LEADER_NODE);
			shared = cluster;
		}
		return shared;
	}

	private static void declareTaskQueueOn(RabbitMq4 cluster, int node) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(cluster.port(node));
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			channel.queueDeclare("task_queue", true, false, false, Map.of("x-queue-type", "quorum"));
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Could not declare task_queue on node " + node, ex);
		}
	}

	/** The service's connection settings for the cluster: every node, node 1 first, in that order. */
	static Map<String, Object> serviceProperties() {
		return Map.of("spring.rabbitmq.addresses", shared().addresses(), "spring.rabbitmq.address-shuffle-mode", "none",
				"spring.rabbitmq.username", "guest", "spring.rabbitmq.password", "guest",
				"amqp-patterns.embedded-broker.enabled", "false", "spring.rabbitmq.stream.host", "127.0.0.1",
				"spring.rabbitmq.stream.port", shared().streamPort(1));
	}

	/** Points each cluster test's service at the cluster. */
	static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new PropertiesFirst("threeNodeCluster", serviceProperties());
		}

	}

}
