package io.github.amqppatterns.faults;

import java.util.List;
import java.util.Map;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * The single RabbitMQ 4 node of the fault-injection tests ({@link RabbitMq4}), which they stop,
 * kill or pause. One node serves every such test of a test JVM; it is stopped when the JVM ends.
 */
final class PrivateRabbitNode {

	/** RabbitMQ 4's default {@code max_message_size}: 16 MiB. */
	static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

	private static PrivateRabbitNode shared;

	private final RabbitMq4 instance;

	private PrivateRabbitNode(RabbitMq4 instance) {
		this.instance = instance;
	}

	/** The node of this test JVM, started on first use. */
	static synchronized PrivateRabbitNode shared() {
		if (shared == null) {
			shared = new PrivateRabbitNode(RabbitMq4.start("faults", 1));
		}
		return shared;
	}

	int port() {
		return this.instance.port(1);
	}

	/** Starts the node again after {@link #kill()}. */
	void start() {
		this.instance.restart(1);
	}

	/** {@code rabbitmqctl stop_app}: RabbitMQ stops, the Erlang VM stays. */
	void stopApp() {
		this.instance.stopApp(1);
	}

	/** {@code rabbitmqctl start_app}. */
	void startApp() {
		this.instance.startApp(1);
	}

	/** {@code kill -9} of the node's Erlang VM: no chance to flush or close anything. */
	void kill() {
		this.instance.kill(1);
	}

	/** {@code kill -STOP}: the node holds its connections open and answers nothing. */
	void pause() {
		this.instance.pause(1);
	}

	/** {@code kill -CONT}. */
	void resume() {
		this.instance.resume(1);
	}

	/** Points each fault-injection test's service at the private node. */
	static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new PropertiesFirst("privateRabbitNode",
					Map.of("spring.rabbitmq.addresses", "127.0.0.1:" + shared().port(), "spring.rabbitmq.username",
							"guest", "spring.rabbitmq.password", "guest", "amqp-patterns.embedded-broker.enabled",
							"false", "spring.rabbitmq.stream.host", "127.0.0.1", "spring.rabbitmq.stream.port",
							shared().instance.streamPort(1)));
		}

	}

}
