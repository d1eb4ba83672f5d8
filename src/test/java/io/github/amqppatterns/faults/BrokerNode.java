package io.github.amqppatterns.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import org.awaitility.Awaitility;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * A RabbitMQ node in a container of the test's own, which the test may stop, kill, pause or cut
 * from its network without touching any other broker: every fault is a container operation, and
 * none needs root. Its ports stay the same across a kill and a start
 * ({@link io.github.amqppatterns.RabbitMqContainers}).
 */
final class BrokerNode {

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

	private final RabbitMQContainer container;

	private final String nodeName;

	/**
	 * @param container the started container
	 * @param hostname its host name, which names the node ({@code rabbit@hostname})
	 */
	BrokerNode(RabbitMQContainer container, String hostname) {
		this.container = container;
		this.nodeName = "rabbit@" + hostname;
	}

	/** The host the tests reach the node's published ports on. */
	String host() {
		return this.container.getHost();
	}

	/** Its AMQP port on {@link #host()}. */
	int port() {
		return this.container.getAmqpPort();
	}

	/** Its stream port on {@link #host()}, the one it advertises. */
	int streamPort() {
		return this.container.getMappedPort(5552);
	}

	String address() {
		return host() + ":" + port();
	}

	/** Its Erlang node name, as RabbitMQ reports members and leaders. */
	String nodeName() {
		return this.nodeName;
	}

	/** {@code rabbitmqctl stop_app}: RabbitMQ stops, the node's Erlang VM stays. */
	void stopApp() {
		ctl("rabbitmqctl", "stop_app");
	}

	/** {@code rabbitmqctl start_app}. */
	void startApp() {
		ctl("rabbitmqctl", "start_app");
	}

	/** {@code docker kill}: the node's VM gets {@code SIGKILL}, no chance to flush or close anything. */
	void kill() {
		docker().killContainerCmd(id()).exec();
		Awaitility.await()
			.atMost(COMMAND_TIMEOUT)
			.until(() -> !Boolean.TRUE.equals(docker().inspectContainerCmd(id()).exec().getState().getRunning()));
	}

	/** {@code docker start} after {@link #kill()}, with its data, and waits until the node has booted. */
	void start() {
		docker().startContainerCmd(id()).exec();
		awaitBooted();
	}

	/** {@code docker pause}: the node holds its connections open and answers nothing. */
	void pause() {
		docker().pauseContainerCmd(id()).exec();
	}

	/** {@code docker unpause}. */
	void resume() {
		docker().unpauseContainerCmd(id()).exec();
	}

	/**
	 * {@code docker network disconnect}: the node is cut off from every other node of
	 * {@code network}, and from every client, whose published ports go through it.
	 */
	void disconnect(Network network) {
		docker().disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(id()).exec();
	}

	/** {@code docker network connect}, under its host name again. */
	void connect(Network network, String alias) {
		docker().connectToNetworkCmd()
			.withNetworkId(network.getId())
			.withContainerId(id())
			.withContainerNetwork(new ContainerNetwork().withAliases(alias))
			.exec();
	}

	/** Runs one of RabbitMQ's command-line tools in the container; what it printed. */
	String ctl(String tool, String... arguments) {
		List<String> command = new ArrayList<>(List.of(tool));
		command.addAll(List.of(arguments));
		try {
			ExecResult result = this.container.execInContainer(command.toArray(String[]::new));
			if (result.getExitCode() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " on " + this.nodeName + " exited with "
						+ result.getExitCode() + ":\n" + result.getStdout() + result.getStderr());
			}
			return result.getStdout();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command + " on " + this.nodeName, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	void stop() {
		this.container.stop();
	}

	private void awaitBooted() {
		Awaitility.await()
			.atMost(COMMAND_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> {
				ctl("rabbitmqctl", "await_startup", "--timeout", "60");
				return true;
			});
	}

	private String id() {
		return this.container.getContainerId();
	}

	private static DockerClient docker() {
		return DockerClientFactory.instance().client();
	}

}
