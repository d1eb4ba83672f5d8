package io.github.amqppatterns.rpc;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RpcPropertiesTests {

	private static final RpcProperties.Server SERVER = new RpcProperties.Server(true, 1);

	private static final RpcProperties.Client CLIENT = new RpcProperties.Client(true);

	@Test
	void asksForAServerBeforeTheReplyTimeout() {
		assertThat(properties(Duration.ofSeconds(5), Duration.ofMillis(100)).serverCheckAfter())
			.isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void refusesAServerCheckNoSoonerThanTheReplyTimeout() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(2), Duration.ofSeconds(2)))
			.withMessageContaining("amqp-patterns.rpc.server-check-after must be at least 1ms and less than");
	}

	@Test
	void refusesAServerCheckUnderAMillisecond() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(Duration.ofSeconds(2), Duration.ZERO))
			.withMessageContaining("amqp-patterns.rpc.server-check-after");
	}

	private static RpcProperties properties(Duration replyTimeout, Duration serverCheckAfter) {
		return new RpcProperties(1_000_000, replyTimeout, serverCheckAfter, SERVER, CLIENT);
	}

}
