package io.github.amqppatterns.broker;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Publishing.
 *
 * @param confirmTimeout how long a publish waits for the broker's confirm before the request is
 * answered with a 503; a {@code 202} means the broker confirmed the message
 */
@Validated
@ConfigurationProperties("amqp-patterns.publish")
public record PublishProperties(@DefaultValue("2s") @NotNull Duration confirmTimeout) {

	/** The setting, as a failure names it. */
	public static final String CONFIRM_TIMEOUT = "amqp-patterns.publish.confirm-timeout";

	public PublishProperties {
		if (confirmTimeout.toMillis() < 1) {
			throw new IllegalArgumentException(CONFIRM_TIMEOUT + " must be at least 1ms");
		}
	}

}
