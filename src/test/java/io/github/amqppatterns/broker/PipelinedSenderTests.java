package io.github.amqppatterns.broker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the sender refuses before it reaches any broker: the sends and the confirms themselves are
 * in {@link PublishConfirmsTests}.
 */
class PipelinedSenderTests {

	/** Never connected: nothing here reaches a broker. */
	private final CachingConnectionFactory unused = new CachingConnectionFactory("127.0.0.1", 1);

	@Test
	void refusesASendOnceStopped() {
		PipelinedSender sender = new PipelinedSender(this.unused, true);
		sender.start();
		assertThat(sender.isRunning()).isTrue();
		sender.stop();

		assertThat(sender.isRunning()).isFalse();
		CorrelationData correlation = new CorrelationData("after-stop");
		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> sender.send("", "hello", new Message(new byte[0]), correlation))
			.withMessageContaining("nothing was published");
		assertThat(correlation.getFuture()).isNotDone();
	}

	@AfterEach
	void closeFactory() {
		this.unused.destroy();
	}

}
