package io.github.amqppatterns.broker;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The type {@link BrokerInUse} declares the tutorial queues with.
 *
 * @param queueType type of the named, durable queues ({@code hello}, {@code task_queue},
 * {@code rpc_queue}): {@code quorum} as the official tutorial clients declare them, or
 * {@code classic} for brokers without quorum queues; unset, quorum on a configured broker and
 * classic on the embedded one
 */
@ConfigurationProperties("amqp-patterns")
record QueueTypeProperties(@Nullable QueueType queueType) {
}
