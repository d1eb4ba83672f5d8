package io.github.amqppatterns.workqueues;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param timePerDot how long a worker works for each {@code .} in a task, as in the tutorial
 * @param maxDots most dots a task posted over HTTP may hold, so one cannot hold a worker for hours
 * @param maxRetries how many times a failed task is tried again before it is dead-lettered to
 * {@code task_queue.dlq}: {@code max-retries + 1} tries in all
 * @param retryDelay the wait before the first retry
 * @param retryMultiplier how much each further wait grows
 * @param retryMaxDelay the longest wait between two tries
 */
@Validated
@ConfigurationProperties("amqp-patterns.work")
record WorkProperties(@DefaultValue("1s") @NotNull Duration timePerDot,
		@DefaultValue("60") @Min(0) @Max(10_000) int maxDots, @DefaultValue("3") @Min(0) @Max(10) int maxRetries,
		@DefaultValue("500ms") @NotNull Duration retryDelay,
		@DefaultValue("2") @DecimalMin("1.0") @DecimalMax("10.0") double retryMultiplier,
		@DefaultValue("5s") @NotNull Duration retryMaxDelay) {

	WorkProperties {
		if (timePerDot.isNegative()) {
			throw new IllegalArgumentException("amqp-patterns.work.time-per-dot must not be negative");
		}
		if (retryDelay.isNegative() || retryMaxDelay.compareTo(retryDelay) < 0) {
			throw new IllegalArgumentException(
					"amqp-patterns.work.retry-delay must not be negative nor longer than retry-max-delay");
		}
	}

	static long dotsIn(String task) {
		return task.chars().filter((c) -> c == '.').count();
	}

}
