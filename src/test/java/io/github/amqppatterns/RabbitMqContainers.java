package io.github.amqppatterns;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The RabbitMQ containers every test starts, from one image: {@value #IMAGE_SETTING} (or the
 * environment variable {@code RABBITMQ_IMAGE}), by default {@value #DEFAULT_IMAGE}, the official
 * image of the line the service is built for. CI names an image it builds from Debian's packages
 * ({@code .ci/images/build}), which has the same interface.
 * <p>
 * A container's AMQP, stream and management ports (only those) are published on host ports chosen
 * before it starts, so that they stay the same when a test kills the container and starts it
 * again, and the stream protocol advertises the host port: a stream client anywhere here (the
 * service in this JVM, another instance in its own, a plain client) connects to a stream's leader
 * with no address resolver of its own, as the stream protocol's guide advises for containers.
 */
public final class RabbitMqContainers {

	public static final String IMAGE_SETTING = "rabbitmq.image";

	public static final String DEFAULT_IMAGE = "rabbitmq:4.3-management";

	static final int AMQP_PORT = 5672;

	static final int STREAM_PORT = 5552;

	static final int MANAGEMENT_PORT = 15672;

	private static final int FIRST_PORT = 20000;

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private RabbitMqContainers() {
	}

	/** The image every RabbitMQ container of the tests runs. */
	public static DockerImageName image() {
		String image = Objects.requireNonNullElse(BrokerUnderTest.setting(IMAGE_SETTING), DEFAULT_IMAGE);
		return DockerImageName.parse(image).asCompatibleSubstituteFor("rabbitmq");
	}

	/**
	 * A container, not started, with the management and stream plugins and {@code extraConfig}
	 * (lines of {@code rabbitmq.conf}) in {@code conf.d}.
	 */
	public static RabbitMQContainer create(String... extraConfig) {
		int amqp = freePort();
		int stream = freePort();
		int management = freePort();
		List<String> config = new ArrayList<>(List.of(
				"stream.advertised_host = " + DockerClientFactory.instance().dockerHostIpAddress(),
				"stream.advertised_port = " + stream));
		config.addAll(List.of(extraConfig));
		RabbitMQContainer container = new RabbitMQContainer(image())
			.withCopyToContainer(Transferable.of("[rabbitmq_management,rabbitmq_stream]."),
					"/etc/rabbitmq/enabled_plugins")
			.withCopyToContainer(Transferable.of(String.join("\n", config) + "\n"),
					"/etc/rabbitmq/conf.d/90-tests.conf");
		// no port left for Docker to pick: its picks could take one chosen here for another container
		container.setExposedPorts(List.of(AMQP_PORT, STREAM_PORT, MANAGEMENT_PORT));
		container.setPortBindings(List.of(amqp + ":" + AMQP_PORT, stream + ":" + STREAM_PORT,
				management + ":" + MANAGEMENT_PORT));
		return container;
	}

	/**
	 * A port free now, below the kernel's ephemeral range (32768 and up here), where neither an
	 * outgoing connection nor Docker's own picks can take it before the container binds it, and
	 * never one handed out before in this JVM.
	 */
	private static int freePort() {
		for (int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(4000); port < 32768; port++) {
			if (!handedOut.contains(port)) {
				try (ServerSocket socket = new ServerSocket(port)) {
					handedOut.add(port);
					return port;
				}
				catch (IOException taken) {
					// the next one
				}
			}
		}
		throw new IllegalStateException("No free port from " + FIRST_PORT + " to 32767 for a RabbitMQ container");
	}

}
