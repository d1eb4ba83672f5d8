package io.github.amqppatterns.broker;

import java.util.Set;

import com.rabbitmq.client.ConnectionFactory;
import io.github.amqppatterns.AmqpPatternsProperties;
import io.github.amqppatterns.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The client's connection runs on its Netty transport (non-blocking IO), on the service's event
 * loop, unless {@code amqp-patterns.client-nio=false} or TLS is on; every pattern's test runs over it.
 */
@IntegrationTest
class ClientNioTests {

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	ClientEventLoop eventLoop;

	@Test
	void connectsThroughTheClientsNettyTransportOnTheServicesEventLoop() {
		ConnectionFactory factory = this.connectionFactory.getRabbitConnectionFactory();

		assertThat(flag(factory, "netty")).isTrue();
		assertThat(flag(factory, "nio")).as("the client's deprecated NIO mode").isFalse();
		Object nettySettings = ReflectionTestUtils.getField(factory, "nettyConf"); // netty() would turn Netty on
		assertThat(ReflectionTestUtils.getField(nettySettings, "eventLoopGroup")).isSameAs(this.eventLoop.group());
	}

	@Test
	void leavesNoThreadBehindWhenAConnectFails() {
		ConnectionFactory factory = customized(new ConnectionFactory(), true);
		factory.setHost("127.0.0.1");
		factory.setPort(1); // nothing listens there: refused
		factory.setAutomaticRecoveryEnabled(false);
		Set<Thread> before = Thread.getAllStackTraces().keySet();

		for (int attempt = 0; attempt < 20; attempt++) {
			assertThatException().isThrownBy(factory::newConnection);
		}

		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> !before.contains(thread) && thread.isAlive())
			.extracting(Thread::getName)
			.as("a client-made event loop per attempt")
			.noneMatch((name) -> name.startsWith("multiThreadIoEventLoopGroup"));
	}

	@Test
	void keepsTheClientsBlockingIoWhenTurnedOff() {
		ConnectionFactory factory = customized(new ConnectionFactory(), false);

		assertThat(flag(factory, "netty")).isFalse();
		assertThat(flag(factory, "nio")).isFalse();
	}

	@Test
	void keepsTheClientsBlockingIoOverTls() throws Exception {
		ConnectionFactory tls = new ConnectionFactory();
		tls.useSslProtocol();

		ConnectionFactory factory = customized(tls, true);

		assertThat(factory.isSSL()).isTrue();
		assertThat(flag(factory, "netty")).as("Netty would not take the JDK SSLContext").isFalse();
		assertThat(flag(factory, "nio")).isFalse();
	}

	private ConnectionFactory customized(ConnectionFactory factory, boolean clientNio) {
		new BrokerConfiguration()
			.nioClientWhereConfigured(new AmqpPatternsProperties(null, DataSize.ofKilobytes(64), clientNio),
					this.eventLoop)
			.customize(factory);
		return factory;
	}

	/** The client has no getter for its transport. */
	private static boolean flag(ConnectionFactory factory, String field) {
		return Boolean.TRUE.equals(ReflectionTestUtils.getField(factory, field));
	}

}
