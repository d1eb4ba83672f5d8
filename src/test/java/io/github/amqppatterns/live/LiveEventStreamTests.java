package io.github.amqppatterns.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LiveEventStreamTests {

	@Test
	void refusesClientsPastItsLimit() throws Exception {
		LiveEventStream stream = new LiveEventStream(new LiveProperties(2, 10));
		try {
			stream.subscribe();
			stream.subscribe();

			assertThatExceptionOfType(LiveEventStream.TooManyClientsException.class).isThrownBy(stream::subscribe)
				.withMessageContaining("amqp-patterns.live.max-clients");
			assertThat(stream.clients()).isEqualTo(2);
		}
		finally {
			stream.destroy();
		}
	}

}
