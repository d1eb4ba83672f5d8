package io.github.amqppatterns.deliveries;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One message as a consumer received it.
 *
 * @param sequence position in the log, increasing with each delivery
 * @param pattern the pattern the consumer belongs to
 * @param consumer the consumer's name, as in the log lines ({@code worker-1}, {@code Q2}, …)
 * @param queue the queue it was consumed from (server-named queues show the broker's name)
 * @param exchange the exchange it was published to ({@code ""} for the default exchange)
 * @param routingKey the routing key it was published with
 * @param messageId the AMQP {@code message_id}, when the producer set one
 * @param body the body as text, cut at {@code amqp-patterns.deliveries.max-body-chars}
 * @param redelivered whether the broker flagged it as a redelivery
 * @param receivedAt when the consumer received it
 * @param ackedAt when the consumer acknowledged it, for consumers that acknowledge by hand (the
 * work queue's workers, after their work); {@code null} before that and for the others
 */
public record Delivery(long sequence, MessagingPattern pattern, String consumer, String queue, String exchange,
		String routingKey, @Nullable String messageId, String body, boolean redelivered, Instant receivedAt,
		@Nullable Instant ackedAt) {

	Delivery acked(Instant at) {
		return new Delivery(this.sequence, this.pattern, this.consumer, this.queue, this.exchange, this.routingKey,
				this.messageId, this.body, this.redelivered, this.receivedAt, at);
	}

}
