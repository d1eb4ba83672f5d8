package io.github.amqppatterns.broker;

import com.rabbitmq.client.ConnectionFactory;
import io.github.amqppatterns.AmqpPatternsProperties;
import io.github.amqppatterns.IntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's connection runs in NIO mode unless {@code amqp-patterns.client-nio=false}, and
 * every pattern's test runs over it.
 */
@IntegrationTest
class ClientNioTests {

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Test
	void connectsInNioModeByDefault() {
		assertThat(nio(this.connectionFactory.getRabbitConnectionFactory())).isEqualTo(true);
	}

	@Test
	void keepsTheClientsBlockingIoWhenTurnedOff() {
		ConnectionFactory factory = new ConnectionFactory();
		new BrokerConfiguration()
			.nioClientWhereConfigured(new AmqpPatternsProperties(null, DataSize.ofKilobytes(64), false))
			.customize(factory);

		assertThat(nio(factory)).isEqualTo(false);
	}

	/** The client has no getter for it. */
	private static @Nullable Object nio(ConnectionFactory factory) {
		return ReflectionTestUtils.getField(factory, "nio");
	}

}
