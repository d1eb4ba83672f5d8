package io.github.amqppatterns.confirms;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tutorial 7's comparison run.
 *
 * @param batchSize messages per wait in the {@code batch} strategy (the tutorial's 100)
 * @param timeout longest wait for outstanding confirms, per message, batch or run
 */
@Validated
@ConfigurationProperties("amqp-patterns.confirms")
record ConfirmsProperties(@DefaultValue("100") @Min(1) @Max(10_000) int batchSize,
		@DefaultValue("10s") @NotNull Duration timeout) {
}
