package io.github.amqppatterns.broker;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Qpid Broker-J in this JVM: AMQP 0-9-1 on 127.0.0.1, in memory, with a password made
 * up at each start. Not RabbitMQ: no quorum queues, no {@code x-} queue arguments (declaring one
 * closes the connection), no direct reply-to.
 */
public final class EmbeddedBroker implements AutoCloseable {

	static final String PRODUCT = "Apache Qpid Broker-J";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedBroker.class);

	private static final String CONFIG = "/qpid-embedded-config.json";

	private static final String USERNAME = "amqp-patterns";

	private final SystemLauncher launcher;

	private final Broker<?> broker;

	private final Path workDirectory;

	private final int port;

	private final String password;

	private EmbeddedBroker(int port) {
		this.password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		try {
			this.workDirectory = Files.createTempDirectory("amqp-patterns-qpid-");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create the embedded broker's work directory", ex);
		}
		AtomicReference<@Nullable SystemConfig<?>> systemConfig = new AtomicReference<>();
		this.launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
			@Override
			public void onContainerResolve(SystemConfig<?> config) {
				systemConfig.set(config);
			}
		});
		try {
			this.launcher.startup(attributes(port, this.password, this.workDirectory));
			this.broker = Objects.requireNonNull(systemConfig.get(), "Qpid resolved no broker")
				.getContainer(Broker.class);
			this.port = boundPort(this.broker);
			removeShutdownHook();
		}
		catch (Exception ex) {
			this.launcher.shutdown();
			deleteRecursively(this.workDirectory);
			throw new IllegalStateException("The embedded broker did not start on 127.0.0.1:" + port + ": "
					+ ex.getMessage(), ex);
		}
	}

	/** Starts a broker on 127.0.0.1:{@code port}, 0 for an ephemeral one; an IllegalStateException if it cannot. */
	public static EmbeddedBroker start(int port) {
		return new EmbeddedBroker(port);
	}

	private static Map<String, Object> attributes(int port, String password, Path workDirectory) {
		URL config = Objects.requireNonNull(EmbeddedBroker.class.getResource(CONFIG), CONFIG + " is missing");
		Map<String, String> context = new HashMap<>();
		context.put("qpid.work_dir", workDirectory.toString());
		context.put("amqp-patterns.embedded.port", Integer.toString(port));
		context.put("amqp-patterns.embedded.username", USERNAME);
		context.put("amqp-patterns.embedded.password", password);
		// the defaults are sized for a server (64 I/O threads and 8 selectors per virtual host)
		context.put("qpid.port.amqp.threadPool.size", "4");
		context.put("qpid.port.amqp.threadPool.numberOfSelectors", "1");
		context.put("virtualhost.connectionThreadPool.size", "4");
		context.put("virtualhost.connectionThreadPool.numberOfSelectors", "1");
		context.put("virtualhost.housekeepingThreadCount", "1");
		context.put("broker.housekeepingThreadCount", "1");
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(SystemConfig.TYPE, "Memory");
		attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toExternalForm());
		attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
		attributes.put(SystemConfig.CONTEXT, context);
		return attributes;
	}

	/** Qpid marks a port it could not bind as errored but starts anyway: fail instead. */
	private static int boundPort(Broker<?> broker) {
		Port<?> amqp = broker.getChildren(Port.class)
			.stream()
			.filter((port) -> "AMQP".equals(port.getName()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the AMQP port is missing from " + CONFIG));
		if (amqp.getState() != State.ACTIVE || amqp.getBoundPort() < 0) {
			throw new IllegalStateException("the AMQP port is " + amqp.getState() + " (is the port in use?)");
		}
		return amqp.getBoundPort();
	}

	/**
	 * Qpid's JVM shutdown hook would close the broker while Spring's hook is still stopping the
	 * listeners, which then log errors. The Spring context closes it, after the connection factory.
	 */
	private void removeShutdownHook() {
		try {
			Field field = BrokerImpl.class.getDeclaredField("_shutdownHook");
			field.setAccessible(true);
			Runtime.getRuntime().removeShutdownHook((Thread) field.get(this.broker));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("Could not remove Qpid's shutdown hook ({}); a SIGTERM may log connection errors",
					ex.toString());
		}
	}

	public int port() {
		return this.port;
	}

	public String username() {
		return USERNAME;
	}

	public String password() {
		return this.password;
	}

	public String version() {
		return this.broker.getProductVersion();
	}

	public boolean isActive() {
		return this.broker.getState() == State.ACTIVE;
	}

	@Override
	public void close() {
		this.launcher.shutdown();
		deleteRecursively(this.workDirectory);
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}", directory, ex);
		}
	}

}
