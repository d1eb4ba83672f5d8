package io.github.amqppatterns.broker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ListenerPropertiesTests {

	@Test
	void takesARecoveryIntervalOfAMillisecondOrMore() {
		assertThat(new ListenerProperties(Duration.ofMillis(1)).recoveryInterval()).isEqualTo(Duration.ofMillis(1));
	}

	@Test
	void refusesARecoveryIntervalUnderAMillisecond() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ListenerProperties(Duration.ZERO))
			.withMessage("amqp-patterns.listener.recovery-interval must be at least 1ms");
	}

}
