package io.github.amqppatterns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The broker every integration test runs against, chosen once per test JVM, in this order:
 * <ol>
 * <li>a broker configured for the run: {@code SPRING_RABBITMQ_HOST} or
 * {@code SPRING_RABBITMQ_ADDRESSES} (or the {@code spring.rabbitmq.host} / {@code .addresses}
 * system properties), with the rest of {@code spring.rabbitmq.*} as given;</li>
 * <li>where Docker is available, a RabbitMQ {@value #IMAGE} container started by Testcontainers
 * ({@code @ServiceConnection}; a bean, so every cached context keeps it alive);</li>
 * <li>a RabbitMQ answering on {@code 127.0.0.1:5672}, as guest/guest;</li>
 * <li>none of these: every test fails, with a message that says how to provide one. Tests never
 * skip for want of a broker.</li>
 * </ol>
 */
@TestConfiguration(proxyBeanMethods = false)
public class BrokerUnderTest {

	static final String IMAGE = "rabbitmq:4.1.4-management";

	static final String LOCAL_HOST = "127.0.0.1";

	static final int LOCAL_PORT = 5672;

	private static final Logger logger = LoggerFactory.getLogger(BrokerUnderTest.class);

	private static final Source SOURCE = chooseSource();

	@Bean
	@ServiceConnection
	@Conditional(WhenTestcontainers.class)
	RabbitMQContainer rabbitMqContainer() {
		return new RabbitMQContainer(DockerImageName.parse(IMAGE));
	}

	@Bean
	@Conditional(WhenLocal.class)
	RabbitConnectionDetails localRabbitConnectionDetails() {
		return new RabbitConnectionDetails() {

			@Override
			public String getUsername() {
				return "guest";
			}

			@Override
			public String getPassword() {
				return "guest";
			}

			@Override
			public List<Address> getAddresses() {
				return List.of(new Address(LOCAL_HOST, LOCAL_PORT));
			}

		};
	}

	@Bean
	@Conditional(WhenNone.class)
	RabbitConnectionDetails noBrokerFound() {
		throw new IllegalStateException("""
				No RabbitMQ broker for the integration tests. Provide one of:
				  1. a broker configured for the run: SPRING_RABBITMQ_HOST or SPRING_RABBITMQ_ADDRESSES
				     (or -Dspring.rabbitmq.host / -Dspring.rabbitmq.addresses), with SPRING_RABBITMQ_PORT,
				     SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD as needed;
				  2. a running Docker engine, so that Testcontainers can start %s;
				  3. a RabbitMQ listening on %s:%d with the guest/guest account
				     (on Debian: apt-get install rabbitmq-server; rabbitmq-server -detached).""".formatted(IMAGE,
				LOCAL_HOST, LOCAL_PORT));
	}

	enum Source {

		CONFIGURED, TESTCONTAINERS, LOCAL, NONE

	}

	private static Source chooseSource() {
		Optional<String> configured = configuredAddress();
		if (configured.isPresent()) {
			logger.info("Broker under test: the configured broker at {}", configured.get());
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
		logger.error("Broker under test: none found (no broker configured, no Docker, nothing on {}:{})", LOCAL_HOST,
				LOCAL_PORT);
		return Source.NONE;
	}

	private static Optional<String> configuredAddress() {
		Map<String, String> env = System.getenv();
		for (String name : List.of("spring.rabbitmq.addresses", "spring.rabbitmq.host")) {
			String value = Optional.ofNullable(System.getProperty(name))
				.orElse(env.get(name.toUpperCase().replace('.', '_')));
			if (value != null && !value.isBlank()) {
				return Optional.of(value);
			}
		}
		return Optional.empty();
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

	static final class WhenTestcontainers implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return SOURCE == Source.TESTCONTAINERS;
		}

	}

	static final class WhenLocal implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return SOURCE == Source.LOCAL;
		}

	}

	static final class WhenNone implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return SOURCE == Source.NONE;
		}

	}

}
