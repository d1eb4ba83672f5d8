package io.github.amqppatterns.live;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.amqppatterns.broker.LiveEvent;
import io.github.amqppatterns.broker.LiveEvents;
import io.github.amqppatterns.broker.Protocol;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LiveEventStreamTests {

	@Test
	void refusesClientsPastItsLimit() throws Exception {
		LiveEventStream stream = withoutJourneys();
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

	/** With no journeys kept, as with {@code amqp-patterns.live.journeys=0}: only a page wants an event. */
	private static LiveEventStream withoutJourneys() {
		LiveProperties properties = new LiveProperties(2, 10, 0);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		return new LiveEventStream(properties, new MessageJourneys(properties, registry), registry);
	}

	@Test
	void buildsAnEventOnlyWhileAPageFollows() throws Exception {
		LiveEventStream stream = withoutJourneys();
		AtomicInteger built = new AtomicInteger();
		LiveEvents live = stream;
		try {
			live.publish(() -> {
				built.incrementAndGet();
				return LiveEvent.published(Protocol.AMQP_0_9_1, "", "hello", "m1", "unseen", Map.of());
			});
			assertThat(built).hasValue(0);

			stream.subscribe();
			live.publish(() -> {
				built.incrementAndGet();
				return LiveEvent.published(Protocol.AMQP_0_9_1, "", "hello", "m2", "seen", Map.of());
			});
			assertThat(built).hasValue(1);
		}
		finally {
			stream.destroy();
		}
	}

}
