package io.github.amqppatterns.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RabbitMQ 4 instance of the test's own, one node or a cluster, that the test may stop, kill or
 * pause without touching any other broker. It comes from the project's {@code scripts/rabbitmq4}:
 * Debian trixie's {@code rabbitmq-server} in a root made with {@code debootstrap}, on loopback
 * ports of its own. The first use on a machine makes that root (about a minute), so the
 * fault-injection tests need what the script needs: root (or sudo) and Debian's packages. Where
 * it cannot run, they fail with the script's own message.
 * <p>
 * An instance is named after its purpose and this JVM's process id, and stopped when the JVM ends;
 * one left behind by a JVM that is gone is stopped before a new one starts.
 */
final class RabbitMq4 {

	private static final Logger logger = LoggerFactory.getLogger(RabbitMq4.class);

	private static final Path SCRIPT = Path.of("scripts", "rabbitmq4").toAbsolutePath();

	/** Starting may first make the root from Debian's packages. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

	/** Where instances start, 10 ports apart: clear of the local RabbitMQ, the CI node and the benchmark's. */
	private static final List<Integer> BASE_PORTS = List.of(5700, 5710, 5720, 5730);

	private final String name;

	private final int nodes;

	private final int basePort;

	private RabbitMq4(String name, int nodes, int basePort) {
		this.name = name;
		this.nodes = nodes;
		this.basePort = basePort;
	}

	/** Starts an instance of {@code nodes} nodes, clustered, and waits until every one is up. */
	static RabbitMq4 start(String purpose, int nodes) {
		stopLeftovers(purpose);
		String name = purpose + "-" + ProcessHandle.current().pid();
		int basePort = BASE_PORTS.stream()
			.filter((base) -> IntStream.range(0, nodes)
				.allMatch((i) -> isFree(base + i) && isFree(base + 20000 + i)) && isFree(base - 1000))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No free ports for a RabbitMQ 4 instance at any of "
					+ BASE_PORTS + " (scripts/rabbitmq4 status lists the instances running)"));
		long started = System.nanoTime();
		RabbitMq4 instance = new RabbitMq4(name, nodes, basePort);
		Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, name + "-stop"));
		script(START_TIMEOUT, "start", name, "--nodes", Integer.toString(nodes), "--port", Integer.toString(basePort));
		logger.info("RabbitMQ 4 instance {} up on {} in {} ms", name, instance.addresses(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		return instance;
	}

	/** {@code 127.0.0.1:PORT,...}, node 1 first: for {@code spring.rabbitmq.addresses}. */
	String addresses() {
		return String.join(",", IntStream.rangeClosed(1, this.nodes).mapToObj((node) -> "127.0.0.1:" + port(node)).toList());
	}

	/** Node {@code node}'s AMQP port (nodes count from 1). */
	int port(int node) {
		return this.basePort + node - 1;
	}

	/** Node {@code node}'s stream port, closed: the instance runs without the stream plugin. */
	int streamPort(int node) {
		return this.basePort - 100 + node - 1;
	}

	int nodes() {
		return this.nodes;
	}

	/** The node whose AMQP port is {@code port}. */
	int nodeOnPort(int port) {
		int node = port - this.basePort + 1;
		if (node < 1 || node > this.nodes) {
			throw new IllegalArgumentException("Port " + port + " is none of " + addresses());
		}
		return node;
	}

	/** The Erlang node name of node {@code node}, as RabbitMQ reports members and leaders. */
	String nodeName(int node) {
		return script(COMMAND_TIMEOUT, "node-name", this.name, Integer.toString(node)).trim();
	}

	/** {@code rabbitmqctl stop_app}: RabbitMQ stops, the node's Erlang VM stays. */
	void stopApp(int node) {
		ctl(node, "rabbitmqctl", "stop_app");
	}

	/** {@code rabbitmqctl start_app}. */
	void startApp(int node) {
		ctl(node, "rabbitmqctl", "start_app");
	}

	/** {@code kill -9} of the node's Erlang VM: no chance to flush or close anything. */
	void kill(int node) {
		ProcessHandle process = process(node);
		process.destroyForcibly();
		process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
	}

	/** Starts a killed node again, with its data. */
	void restart(int node) {
		script(COMMAND_TIMEOUT, "node-start", this.name, Integer.toString(node));
	}

	/** {@code kill -STOP}: the node holds its connections open and answers nothing. */
	void pause(int node) {
		signal(node, "STOP");
	}

	/** {@code kill -CONT}. */
	void resume(int node) {
		signal(node, "CONT");
	}

	/** Runs one of RabbitMQ's command-line tools against node {@code node}; what it printed. */
	String ctl(int node, String tool, String... arguments) {
		List<String> command = new ArrayList<>(List.of("ctl", this.name, Integer.toString(node), tool));
		command.addAll(List.of(arguments));
		return script(COMMAND_TIMEOUT, command.toArray(String[]::new));
	}

	/** Stops every node and removes the instance's data. */
	void stop() {
		try {
			script(COMMAND_TIMEOUT, "stop", this.name);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not stop RabbitMQ 4 instance {}: {}", this.name, ex.getMessage());
		}
	}

	private void signal(int node, String signal) {
		exec(COMMAND_TIMEOUT, List.of("kill", "-" + signal, Long.toString(process(node).pid())));
	}

	private ProcessHandle process(int node) {
		long pid = Long.parseLong(script(COMMAND_TIMEOUT, "node-pid", this.name, Integer.toString(node)).trim());
		return ProcessHandle.of(pid)
			.orElseThrow(() -> new IllegalStateException("Node " + node + " of " + this.name + " is gone (" + pid + ")"));
	}

	/** Stops the instances for {@code purpose} that JVMs now gone left running. */
	private static void stopLeftovers(String purpose) {
		Matcher instance = Pattern.compile("^" + Pattern.quote(purpose) + "-(\\d+):", Pattern.MULTILINE)
			.matcher(script(COMMAND_TIMEOUT, "status"));
		while (instance.find()) {
			long pid = Long.parseLong(instance.group(1));
			if (ProcessHandle.of(pid).isEmpty()) {
				logger.info("Stopping RabbitMQ 4 instance {}-{}, left by a test JVM that is gone", purpose, pid);
				script(COMMAND_TIMEOUT, "stop", purpose + "-" + pid);
			}
		}
	}

	private static String script(Duration timeout, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(SCRIPT.toString());
		command.addAll(List.of(arguments));
		return exec(timeout, command);
	}

	private static String exec(Duration timeout, List<String> command) {
		try {
			Path output = Files.createTempFile("rabbitmq4", ".log");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(command + " did not end within " + timeout);
				}
				String printed = Files.readString(output, StandardCharsets.UTF_8);
				if (process.exitValue() != 0) {
					throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + ":\n"
							+ printed);
				}
				return printed;
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
