package io.github.amqppatterns.workqueues;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The work queue's simulated work.
 *
 * @param timePerDot how long a worker works for each {@code .} in a task, as in the tutorial
 * @param maxDots most dots a task posted over HTTP may hold, so one request cannot hold a worker
 * for hours
 */
@Validated
@ConfigurationProperties("amqp-patterns.work")
record WorkProperties(@DefaultValue("1s") @NotNull Duration timePerDot,
		@DefaultValue("60") @Min(0) @Max(10_000) int maxDots) {

	WorkProperties {
		if (timePerDot.isNegative()) {
			throw new IllegalArgumentException("amqp-patterns.work.time-per-dot must not be negative");
		}
	}

	/** The work a task stands for: one {@link #timePerDot()} per dot in it. */
	Duration workFor(String task) {
		return this.timePerDot.multipliedBy(dotsIn(task));
	}

	static long dotsIn(String task) {
		return task.chars().filter((c) -> c == '.').count();
	}

}
