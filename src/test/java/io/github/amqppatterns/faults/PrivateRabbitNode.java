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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * A RabbitMQ node of the test's own, from the {@code rabbitmq-server} package, that the test may
 * stop, kill or pause without touching any other broker: its own node name, AMQP and distribution
 * ports bound to 127.0.0.1, and its Erlang cookie, data and logs under
 * {@code target/private-rabbit/}. One node serves every fault-injection test of a test JVM; it is
 * stopped when the JVM ends.
 * <p>
 * Without {@code rabbitmq-server} installed these tests fail, saying so: they cannot run against a
 * broker they do not control.
 */
final class PrivateRabbitNode {

	private static final Logger logger = LoggerFactory.getLogger(PrivateRabbitNode.class);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

	private static final List<Path> SCRIPT_DIRECTORIES = List.of(Path.of("/usr/lib/rabbitmq/bin"),
			Path.of("/usr/local/sbin"), Path.of("/opt/homebrew/sbin"), Path.of("/usr/sbin"));

	/** The node's {@code max_message_size}, as the README advises for RabbitMQ 3.x: 16 MiB. */
	static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

	private static PrivateRabbitNode shared;

	private final Path scripts;

	private final String nodeName;

	private final int port;

	private final Path home;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private PrivateRabbitNode(Path scripts) throws IOException {
		this.scripts = scripts;
		this.nodeName = "amqp-patterns-faults-" + ProcessHandle.current().pid() + "@localhost";
		this.port = freePort();
		this.home = Path.of("target", "private-rabbit", this.nodeName).toAbsolutePath();
		Files.createDirectories(this.home);
		Files.writeString(this.home.resolve("rabbitmq-env.conf"), "");
		Files.writeString(this.home.resolve("enabled_plugins"), "[].");
		Files.writeString(this.home.resolve("rabbitmq.conf"),
				"listeners.tcp.1 = 127.0.0.1:" + this.port + "\n" + "log.file.level = info\n"
						+ "max_message_size = " + MAX_MESSAGE_SIZE + "\n");
		this.environment.put("HOME", this.home.toString());
		this.environment.put("RABBITMQ_NODENAME", this.nodeName);
		this.environment.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
		this.environment.put("RABBITMQ_NODE_PORT", Integer.toString(this.port));
		this.environment.put("RABBITMQ_DIST_PORT", Integer.toString(freePort()));
		this.environment.put("RABBITMQ_CONF_ENV_FILE", this.home.resolve("rabbitmq-env.conf").toString());
		this.environment.put("RABBITMQ_CONFIG_FILE", this.home.resolve("rabbitmq.conf").toString());
		this.environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", this.home.resolve("enabled_plugins").toString());
		this.environment.put("RABBITMQ_MNESIA_BASE", this.home.resolve("data").toString());
		this.environment.put("RABBITMQ_LOG_BASE", this.home.resolve("log").toString());
		this.environment.put("RABBITMQ_PID_FILE", pidFile().toString());
		this.environment.put("ERL_EPMD_ADDRESS", "127.0.0.1");
		this.environment.put("ERL_FLAGS", "-kernel inet_dist_use_interface {127,0,0,1}");
	}

	/** The node of this test JVM, started on first use. */
	static synchronized PrivateRabbitNode shared() {
		if (shared == null) {
			Path scripts = SCRIPT_DIRECTORIES.stream()
				.filter((dir) -> Files.isExecutable(dir.resolve("rabbitmq-server"))
						&& Files.isExecutable(dir.resolve("rabbitmqctl")))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("The fault-injection tests start a RabbitMQ node of their "
						+ "own, and found no rabbitmq-server in " + SCRIPT_DIRECTORIES + ". Install the rabbitmq-server "
						+ "package (apt-get install rabbitmq-server; .ci/run does)."));
			try {
				PrivateRabbitNode node = new PrivateRabbitNode(scripts);
				Runtime.getRuntime().addShutdownHook(new Thread(node::destroy, "private-rabbit-stop"));
				node.start();
				shared = node;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return shared;
	}

	int port() {
		return this.port;
	}

	/** Starts the node's Erlang VM and RabbitMQ in it, and waits until it takes connections. */
	void start() {
		long started = System.nanoTime();
		run("rabbitmq-server", "-detached");
		run("rabbitmqctl", "-n", this.nodeName, "wait", pidFile().toString(), "--timeout", "60");
		logger.info("Private RabbitMQ node {} up on 127.0.0.1:{} in {} ms", this.nodeName, this.port,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/** {@code rabbitmqctl stop_app}: RabbitMQ stops, the Erlang VM stays. */
	void stopApp() {
		run("rabbitmqctl", "-n", this.nodeName, "stop_app");
	}

	/** {@code rabbitmqctl start_app}. */
	void startApp() {
		run("rabbitmqctl", "-n", this.nodeName, "start_app");
	}

	/** {@code kill -9} of the node's Erlang VM: no chance to flush or close anything. */
	void kill() {
		ProcessHandle process = process();
		process.destroyForcibly();
		process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
	}

	/** {@code kill -STOP}: the node holds its connections open and answers nothing. */
	void pause() {
		signal("STOP");
	}

	/** {@code kill -CONT}. */
	void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		exec(List.of("kill", "-" + signal, Long.toString(process().pid())), Map.of());
	}

	private ProcessHandle process() {
		try {
			long pid = Long.parseLong(Files.readString(pidFile()).trim());
			return ProcessHandle.of(pid)
				.orElseThrow(() -> new IllegalStateException("The private node's process " + pid + " is gone"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path pidFile() {
		return this.home.resolve("rabbit.pid");
	}

	/** Stops the node for good (the JVM is ending): resumed if paused, then killed. */
	private void destroy() {
		ProcessHandle process;
		try {
			process = process();
		}
		catch (RuntimeException ex) {
			return; // never started, or already gone
		}
		exec(List.of("kill", "-CONT", Long.toString(process.pid())), Map.of());
		process.destroyForcibly();
	}

	private void run(String script, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.scripts.resolve(script).toString());
		command.addAll(List.of(arguments));
		exec(command, this.environment);
	}

	private void exec(List<String> command, Map<String, String> environment) {
		try {
			Path output = Files.createTempFile(this.home, "command", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.home.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not end within " + COMMAND_TIMEOUT);
			}
			String printed = Files.readString(output, StandardCharsets.UTF_8);
			Files.delete(output);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + ":\n"
						+ printed + "\n(node logs in " + this.home.resolve("log") + ")");
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** Points each fault-injection test's service at the private node. */
	static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new Customizer();
		}

	}

	private record Customizer() implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			PrivateRabbitNode node = shared();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("privateRabbitNode",
						Map.of("spring.rabbitmq.host", "127.0.0.1", "spring.rabbitmq.port", node.port(),
								"spring.rabbitmq.username", "guest", "spring.rabbitmq.password", "guest",
								"amqp-patterns.embedded-broker.enabled", "false")));
		}

	}

}
