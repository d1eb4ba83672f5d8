package io.github.amqppatterns;

import io.github.amqppatterns.broker.QueueType;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by every pattern.
 *
 * @param queueType type of the named, durable queues ({@code hello}, {@code task_queue},
 * {@code rpc_queue}): {@code quorum} as the official tutorial clients declare them, or
 * {@code classic} for brokers without quorum queues; unset, quorum on a configured broker and
 * classic on the embedded one
 * @param maxBodySize largest request body accepted by any endpoint, counted on the bytes
 * actually read; larger bodies get a 413
 */
@Validated
@ConfigurationProperties("amqp-patterns")
public record AmqpPatternsProperties(@Nullable QueueType queueType,
		@DefaultValue("64KB") @NotNull DataSize maxBodySize) {

	public AmqpPatternsProperties {
		if (maxBodySize.toBytes() < 1) {
			throw new IllegalArgumentException("amqp-patterns.max-body-size must be at least 1B");
		}
	}

}
