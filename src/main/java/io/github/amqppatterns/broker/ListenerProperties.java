package io.github.amqppatterns.broker;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every listener container of the service.
 *
 * @param recoveryInterval how long a listener container waits before it tries again to bring back
 * a lost consumer, or one whose queue is missing: about how long, once the broker is back, until
 * every consumer is too; each try while the broker is away is one refused connection and log line
 */
@Validated
@ConfigurationProperties("amqp-patterns.listener")
public record ListenerProperties(@DefaultValue("1s") @NotNull Duration recoveryInterval) {

	public ListenerProperties {
		if (recoveryInterval.toMillis() < 1) {
			throw new IllegalArgumentException("amqp-patterns.listener.recovery-interval must be at least 1ms");
		}
	}

}
