package io.github.amqppatterns.deliveries;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param capacity how many deliveries are kept; the oldest is dropped first
 * @param maxBodyChars how much of each body is kept; a longer one is cut and marked with {@code …}
 */
@Validated
@ConfigurationProperties("amqp-patterns.deliveries")
record DeliveriesProperties(@DefaultValue("1000") @Min(1) @Max(100_000) int capacity,
		@DefaultValue("1024") @Min(1) @Max(65_536) int maxBodyChars) {
}
