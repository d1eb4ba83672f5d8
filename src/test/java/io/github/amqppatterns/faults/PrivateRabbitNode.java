package io.github.amqppatterns.faults;

import java.util.List;
import java.util.Map;

import io.github.amqppatterns.RabbitMqContainers;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * The single RabbitMQ node of the fault-injection tests, in a container of its own, which they
 * stop, kill or pause. One node serves every such test of a test JVM; it goes when the JVM ends.
 */
final class PrivateRabbitNode {

	/** RabbitMQ 4's default {@code max_message_size}: 16 MiB. */
	static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

	private static BrokerNode shared;

	private PrivateRabbitNode() {
	}

	/** The node of this test JVM, started on first use. */
	static synchronized BrokerNode shared() {
		if (shared == null) {
			RabbitMQContainer container = RabbitMqContainers.create();
			container.start();
			shared = new BrokerNode(container, container.getContainerInfo().getConfig().getHostName());
		}
		return shared;
	}

	/** Points each fault-injection test's service at the private node. */
	static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new PropertiesFirst("privateRabbitNode", () -> Map.of("spring.rabbitmq.addresses",
					shared().address(), "spring.rabbitmq.username", "guest", "spring.rabbitmq.password", "guest",
					"amqp-patterns.embedded-broker.enabled", "false", "spring.rabbitmq.stream.host", shared().host(),
					"spring.rabbitmq.stream.port", shared().streamPort()));
		}

	}

}
