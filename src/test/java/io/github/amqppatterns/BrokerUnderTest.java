package io.github.amqppatterns;

import java.io.IOException;
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
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitStreamConnectionDetails;
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
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The broker every integration test runs against, chosen once per test JVM by {@value #CHOICE}
 * ({@code -Dbroker-under-test=...}, or the environment variable {@code BROKER_UNDER_TEST}):
 * <ul>
 * <li>{@code rabbitmq}, the build's first run: the broker configured for the run
 * ({@code SPRING_RABBITMQ_HOST} or {@code SPRING_RABBITMQ_ADDRESSES}, or the
 * {@code spring.rabbitmq.host} / {@code .addresses} system properties, with the rest of
 * {@code spring.rabbitmq.*} as given), else a RabbitMQ container started by Testcontainers
 * ({@link RabbitMqContainers}; a bean with {@code @ServiceConnection} for AMQP and the stream
 * protocol, so every cached context keeps it alive). Where neither is there, the tests do not
 * run, and say so ({@link DockerCheck}), unless the run requires Docker;</li>
 * <li>{@code embedded}, the build's second run: the service's embedded broker (Qpid Broker-J,
 * in this JVM);</li>
 * <li>{@code configured}, {@code testcontainers}, {@code local} (the RabbitMQ on
 * {@code 127.0.0.1:5672}, as guest): that one broker;</li>
 * <li>nothing (a test run from an IDE): a configured broker, else Testcontainers where Docker
 * answers, else the embedded broker.</li>
 * </ul>
 * A chosen broker that is not there fails every test; none is skipped but for a missing Docker.
 * <p>
 * On a configured or local RabbitMQ, which others may use too, the run works in a virtual host of
 * its own ({@link TestVirtualHost}); a Testcontainers broker and the embedded one are the run's
 * alone.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BrokerUnderTest {

	static final String CHOICE = "broker-under-test";

	static final String LOCAL_HOST = "127.0.0.1";

	static final int LOCAL_PORT = 5672;

	static final int LOCAL_STREAM_PORT = 5552;

	private static final Logger logger = LoggerFactory.getLogger(BrokerUnderTest.class);

	private static final Source SOURCE = chooseSource();

	private static final Map<String, Object> PROPERTIES = SOURCE.properties();

	/** Whether the tests run against the embedded broker rather than a RabbitMQ. */
	public static boolean isEmbedded() {
		return SOURCE == Source.EMBEDDED;
	}

	@Bean
	@ServiceConnection(type = { RabbitConnectionDetails.class, RabbitStreamConnectionDetails.class })
	@Conditional(WhenTestcontainers.class)
	RabbitMQContainer rabbitMqContainer() {
		return RabbitMqContainers.create();
	}

	/**
	 * A plain stream client on the broker under test, as the stream tutorials' programs make one;
	 * every connection goes to the stream host and port of the service's settings (one node).
	 */
	public static Environment plainStreamClient(RabbitConnectionDetails connection,
			RabbitStreamConnectionDetails stream) {
		String host = stream.getHost();
		int port = stream.getPort();
		return Environment.builder()
			.host(host)
			.port(port)
			.addressResolver((advertised) -> new Address(host, port))
			.virtualHost(virtualHost(connection, stream))
			.username(Objects.requireNonNullElse(stream.getUsername(), username(connection)))
			.password(Objects.requireNonNullElse(stream.getPassword(), password(connection)))
			.build();
	}

	/**
	 * The settings that point another instance of the service at the broker under test, as
	 * arguments, which win over any {@code SPRING_RABBITMQ_*} of the run.
	 */
	public static Map<String, Object> serviceSettings(RabbitConnectionDetails connection,
			RabbitStreamConnectionDetails stream) {
		String addresses = connection.getAddresses()
			.stream()
			.map((address) -> address.host() + ":" + address.port())
			.collect(Collectors.joining(","));
		return Map.of("spring.rabbitmq.addresses", addresses, "spring.rabbitmq.username", username(connection),
				"spring.rabbitmq.password", password(connection), "spring.rabbitmq.virtual-host",
				virtualHost(connection, stream), "spring.rabbitmq.stream.host", stream.getHost(),
				"spring.rabbitmq.stream.port", stream.getPort(), "amqp-patterns.embedded-broker.enabled", "false");
	}

	private static String username(RabbitConnectionDetails connection) {
		return Objects.requireNonNullElse(connection.getUsername(), "guest");
	}

	private static String password(RabbitConnectionDetails connection) {
		return Objects.requireNonNullElse(connection.getPassword(), "guest");
	}

	private static String virtualHost(RabbitConnectionDetails connection, RabbitStreamConnectionDetails stream) {
		return Objects.requireNonNullElse(stream.getVirtualHost(),
				Objects.requireNonNullElse(connection.getVirtualHost(), "/"));
	}

	/** The RabbitMQ version the broker under test announces, as {@code 4.3.6}. */
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

		String describe() {
			return switch (this) {
				case CONFIGURED -> "the configured broker at " + configuredAddress();
				case TESTCONTAINERS -> "a Testcontainers " + RabbitMqContainers.image() + " container";
				case LOCAL -> "the local RabbitMQ at " + LOCAL_HOST + ":" + LOCAL_PORT;
				case EMBEDDED -> "the embedded broker";
			};
		}

	}

	private static Source chooseSource() {
		String chosen = setting(CHOICE);
		if (chosen == null) {
			Source source = (configuredAddress() != null) ? Source.CONFIGURED
					: DockerCheck.available() ? Source.TESTCONTAINERS : Source.EMBEDDED;
			logger.info("Broker under test: {} ({} not set: a configured broker, else Testcontainers, else the "
					+ "embedded broker)", source.describe(), CHOICE);
			return source;
		}
		if (chosen.equalsIgnoreCase("rabbitmq")) {
			Source source = (configuredAddress() != null) ? Source.CONFIGURED : Source.TESTCONTAINERS;
			if (source == Source.TESTCONTAINERS && !DockerCheck.available()) {
				logger.warn("Broker under test: {}, as {}=rabbitmq says, and no Docker engine answers", source.describe(),
						CHOICE);
			}
			else {
				logger.info("Broker under test: {}, as {}=rabbitmq says", source.describe(), CHOICE);
			}
			return source;
		}
		Source source = Arrays.stream(Source.values())
			.filter((candidate) -> candidate.name().equalsIgnoreCase(chosen))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(CHOICE + "=" + chosen + " is none of rabbitmq, "
					+ Arrays.toString(Source.values()).toLowerCase(Locale.ROOT)));
		logger.info("Broker under test: {}, as {} says", source.describe(), CHOICE);
		return source;
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

	/**
	 * Runs the integration tests only where their broker can be had: a Testcontainers broker needs
	 * Docker ({@link DockerCheck}).
	 */
	static final class Reachable implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return (SOURCE == Source.TESTCONTAINERS) ? DockerCheck.check(context)
					: ConditionEvaluationResult.enabled("Broker under test: " + SOURCE.describe());
		}

	}

	static final class WhenTestcontainers implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return SOURCE == Source.TESTCONTAINERS;
		}

	}

}
