package io.github.amqppatterns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.rabbitmq.stream.Address;
import com.rabbitmq.stream.Environment;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.amqp.autoconfigure.EnvironmentBuilderCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The broker every integration test runs against, chosen once per test JVM, in this order:
 * <ol>
 * <li>a broker configured for the run: {@code SPRING_RABBITMQ_HOST} or
 * {@code SPRING_RABBITMQ_ADDRESSES} (or the {@code spring.rabbitmq.host} / {@code .addresses}
 * system properties), with the rest of {@code spring.rabbitmq.*} as given;</li>
 * <li>where Docker is available, a RabbitMQ {@value #IMAGE} container started by Testcontainers
 * ({@code @ServiceConnection}; a bean, so every cached context keeps it alive);</li>
 * <li>a RabbitMQ answering on {@code 127.0.0.1:5672}, as guest/guest;</li>
 * <li>the service's embedded broker (Qpid Broker-J, in this JVM).</li>
 * </ol>
 * {@value #CHOICE} ({@code -Dbroker-under-test=embedded}, or the environment variable
 * {@code BROKER_UNDER_TEST}) picks one of {@code configured}, {@code testcontainers},
 * {@code local} and {@code embedded} instead; the build runs the suite a second time with
 * {@code embedded}. A chosen broker that is not there fails every test; none is skipped.
 * <p>
 * On a configured or local RabbitMQ, which others may use too, the run works in a virtual host of
 * its own ({@link TestVirtualHost}); a Testcontainers broker and the embedded one are the run's
 * alone.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BrokerUnderTest {

	static final String IMAGE = "rabbitmq:4.1.4-management";

	static final String CHOICE = "broker-under-test";

	static final String LOCAL_HOST = "127.0.0.1";

	static final int LOCAL_PORT = 5672;

	static final int LOCAL_STREAM_PORT = 5552;

	static final int CONTAINER_STREAM_PORT = 5552;

	private static final Logger logger = LoggerFactory.getLogger(BrokerUnderTest.class);

	private static final Source SOURCE = chooseSource();

	private static final Map<String, Object> PROPERTIES = SOURCE.properties();

	/** Whether the tests run against the embedded broker rather than a RabbitMQ. */
	public static boolean isEmbedded() {
		return SOURCE == Source.EMBEDDED;
	}

	@Bean
	@ServiceConnection
	@Conditional(WhenTestcontainers.class)
	RabbitMQContainer rabbitMqContainer() {
		RabbitMQContainer container = new RabbitMQContainer(DockerImageName.parse(IMAGE))
			.withCopyToContainer(Transferable.of("[rabbitmq_management,rabbitmq_stream]."), "/etc/rabbitmq/enabled_plugins");
		container.addExposedPort(CONTAINER_STREAM_PORT);
		return container;
	}

	/**
	 * Boot 4.0's {@code @ServiceConnection} leaves the stream protocol out: its port is the
	 * container's mapped one, which the broker does not advertise, so every stream connection of
	 * the service goes there.
	 */
	@Bean
	@Conditional(WhenTestcontainers.class)
	DynamicPropertyRegistrar containerStreamPort(RabbitMQContainer container) {
		return (registry) -> {
			registry.add("spring.rabbitmq.stream.host", container::getHost);
			registry.add("spring.rabbitmq.stream.port", () -> container.getMappedPort(CONTAINER_STREAM_PORT));
		};
	}

	@Bean
	@Conditional(WhenTestcontainers.class)
	EnvironmentBuilderCustomizer streamConnectionsToTheMappedPort(RabbitMQContainer container) {
		return (builder) -> builder
			.addressResolver((advertised) -> new Address(container.getHost(), container.getMappedPort(CONTAINER_STREAM_PORT)));
	}

	/**
	 * A plain stream client on the broker under test, as the stream tutorials' programs make one;
	 * every connection goes to the configured stream host and port (one node).
	 */
	public static Environment plainStreamClient(RabbitProperties properties, RabbitConnectionDetails connection) {
		String host = properties.getStream().getHost();
		int port = properties.getStream().getPort();
		return Environment.builder()
			.host(host)
			.port(port)
			.addressResolver((advertised) -> new Address(host, port))
			.virtualHost(Objects.requireNonNullElse(connection.getVirtualHost(), "/"))
			.username(Objects.requireNonNullElse(connection.getUsername(), "guest"))
			.password(Objects.requireNonNullElse(connection.getPassword(), "guest"))
			.build();
	}

	/**
	 * The settings that point another instance of the service at the broker under test, as
	 * arguments, which win over any {@code SPRING_RABBITMQ_*} of the run.
	 */
	public static Map<String, Object> serviceSettings(RabbitProperties properties, RabbitConnectionDetails connection) {
		String addresses = connection.getAddresses()
			.stream()
			.map((address) -> address.host() + ":" + address.port())
			.collect(Collectors.joining(","));
		return Map.of("spring.rabbitmq.addresses", addresses, "spring.rabbitmq.username",
				Objects.requireNonNullElse(connection.getUsername(), "guest"), "spring.rabbitmq.password",
				Objects.requireNonNullElse(connection.getPassword(), "guest"), "spring.rabbitmq.virtual-host",
				Objects.requireNonNullElse(connection.getVirtualHost(), "/"), "spring.rabbitmq.stream.host", properties.getStream().getHost(),
				"spring.rabbitmq.stream.port", properties.getStream().getPort(), "amqp-patterns.embedded-broker.enabled",
				"false");
	}

	/** The RabbitMQ version the broker under test announces, as {@code 4.0.5}. */
	public static Runtime.Version rabbitMqVersion(RabbitConnectionDetails connection) {
		try (com.rabbitmq.client.Connection plain = PlainClient.connectionFactory(connection).newConnection()) {
			return Runtime.Version.parse(plain.getServerProperties().get("version").toString());
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Could not connect to the broker under test", ex);
		}
	}

	enum Source {

		CONFIGURED, TESTCONTAINERS, LOCAL, EMBEDDED;

		/**
		 * What the service is told, so that it uses this broker and no other; on a shared RabbitMQ,
		 * with the run's own virtual host, created here.
		 */
		Map<String, Object> properties() {
			return switch (this) {
				case CONFIGURED -> Map.of("amqp-patterns.embedded-broker.enabled", "false", "spring.rabbitmq.virtual-host",
						TestVirtualHost.onConfigured(configuredHost(), settingOr("spring.rabbitmq.username", "guest"),
								settingOr("spring.rabbitmq.password", "guest"))
							.name());
				case TESTCONTAINERS -> Map.of("amqp-patterns.embedded-broker.enabled", "false");
				case LOCAL -> Map.of("spring.rabbitmq.addresses", LOCAL_HOST + ":" + LOCAL_PORT,
						"spring.rabbitmq.username", "guest", "spring.rabbitmq.password", "guest",
						"spring.rabbitmq.virtual-host", TestVirtualHost.onLocal().name(), "spring.rabbitmq.stream.host",
						LOCAL_HOST, "spring.rabbitmq.stream.port", LOCAL_STREAM_PORT);
				case EMBEDDED -> Map.of("amqp-patterns.embedded-broker.enabled", "true");
			};
		}

	}

	private static Source chooseSource() {
		String chosen = setting(CHOICE);
		if (chosen != null) {
			Source source = Arrays.stream(Source.values())
				.filter((candidate) -> candidate.name().equalsIgnoreCase(chosen.trim()))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(CHOICE + "=" + chosen + " is none of "
						+ Arrays.toString(Source.values()).toLowerCase(Locale.ROOT)));
			logger.info("Broker under test: {}, as {} says", source.name().toLowerCase(Locale.ROOT), CHOICE);
			return source;
		}
		String configured = configuredAddress();
		if (configured != null) {
			logger.info("Broker under test: the configured broker at {}", configured);
			return Source.CONFIGURED;
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			logger.info("Broker under test: a Testcontainers {} container", IMAGE);
			return Source.TESTCONTAINERS;
		}
		if (answers(LOCAL_HOST, LOCAL_PORT)) {
			logger.info("Broker under test: the local RabbitMQ at {}:{} (no broker configured, no Docker)", LOCAL_HOST,
					LOCAL_PORT);
			return Source.LOCAL;
		}
		logger.info("Broker under test: the embedded broker (no broker configured, no Docker, nothing on {}:{})",
				LOCAL_HOST, LOCAL_PORT);
		return Source.EMBEDDED;
	}

	private static @Nullable String configuredAddress() {
		for (String name : List.of("spring.rabbitmq.addresses", "spring.rabbitmq.host")) {
			String value = setting(name);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/** The host of the configured broker's first address. */
	private static String configuredHost() {
		String address = Objects.requireNonNull(configuredAddress()).split(",")[0].trim();
		String hostAndPort = address.contains("@") ? address.substring(address.lastIndexOf('@') + 1) : address;
		hostAndPort = hostAndPort.replaceFirst("^amqps?://", "").replaceFirst("/.*$", "");
		return hostAndPort.contains(":") ? hostAndPort.substring(0, hostAndPort.lastIndexOf(':')) : hostAndPort;
	}

	private static String settingOr(String name, String otherwise) {
		return Optional.ofNullable(setting(name)).orElse(otherwise);
	}

	/**
	 * A setting of the run: the system property {@code name}, or else the environment variable of
	 * the same name in upper case with {@code _} for {@code .} and {@code -}; never blank.
	 */
	static @Nullable String setting(String name) {
		String value = Optional.ofNullable(System.getProperty(name))
			.orElse(System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	private static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Tells each integration test context which broker to use. */
	static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return new Customizer(PROPERTIES);
		}

	}

	private record Customizer(Map<String, Object> properties) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			// first: over any SPRING_RABBITMQ_* of the run, which may name another broker
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("brokerUnderTest", this.properties));
		}

	}

	static final class WhenTestcontainers implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return SOURCE == Source.TESTCONTAINERS;
		}

	}

}
