package io.github.amqppatterns.broker;

import com.rabbitmq.client.ConnectionFactory;
import io.github.amqppatterns.AmqpPatternsProperties;
import io.github.amqppatterns.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's connection runs on its Netty transport (non-blocking IO) unless
 * {@code amqp-patterns.client-nio=false} or TLS is on, and every pattern's test runs over it.
 */
@IntegrationTest
class ClientNioTests {

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Test
	void connectsThroughTheClientsNettyTransportByDefault() {
		ConnectionFactory factory = this.connectionFactory.getRabbitConnectionFactory();

		assertThat(transport(factory, "netty")).isTrue();
		assertThat(transport(factory, "nio")).as("the client's deprecated NIO mode").isFalse();
	}

	@Test
	void keepsTheClientsBlockingIoWhenTurnedOff() {
		ConnectionFactory factory = customized(new ConnectionFactory(), false);

		assertThat(transport(factory, "netty")).isFalse();
		assertThat(transport(factory, "nio")).isFalse();
	}

	@Test
	void keepsTheClientsBlockingIoOverTls() throws Exception {
		ConnectionFactory tls = new ConnectionFactory();
		tls.useSslProtocol();

		ConnectionFactory factory = customized(tls, true);

		assertThat(factory.isSSL()).isTrue();
		assertThat(transport(factory, "netty")).as("Netty would not take the JDK SSLContext").isFalse();
		assertThat(transport(factory, "nio")).isFalse();
	}

	private static ConnectionFactory customized(ConnectionFactory factory, boolean clientNio) {
		new BrokerConfiguration()
			.nioClientWhereConfigured(new AmqpPatternsProperties(null, DataSize.ofKilobytes(64), clientNio))
			.customize(factory);
		return factory;
	}

	/** The client has no getter for its transport. */
	private static boolean transport(ConnectionFactory factory, String field) {
		return Boolean.TRUE.equals(ReflectionTestUtils.getField(factory, field));
	}

}
