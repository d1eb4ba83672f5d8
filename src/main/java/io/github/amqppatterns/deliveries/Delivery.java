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
 * @param body the body as text, cut at {@code amqp-patterns.deliveries.max-body-chars} and then
 * marked with {@code …}, as a dead letter's is
 * @param redelivered whether the broker flagged it as a redelivery
 * @param receivedAt when the consumer received it
 * @param ackedAt when the consumer acknowledged it, for consumers that acknowledge by hand (the
 * work queue's workers, after their work); {@code null} before that and for the others
 * @param attempts how many times the consumer tried to process it (the work queue's workers retry
 * a task they fail on); 1 for the others
 * @param failure why the last attempt failed, if one did
 * @param deadLetteredAt when the consumer gave up on it and dead-lettered it, if it did
 * @param offset where it is in its stream, for a stream's consumer
 */
public record Delivery(long sequence, MessagingPattern pattern, String consumer, String queue, String exchange,
		String routingKey, @Nullable String messageId, String body, boolean redelivered, Instant receivedAt,
		@Nullable Instant ackedAt, int attempts, @Nullable String failure, @Nullable Instant deadLetteredAt,
		@Nullable Long offset) {

	Delivery acked(Instant at) {
		return new Delivery(this.sequence, this.pattern, this.consumer, this.queue, this.exchange, this.routingKey,
				this.messageId, this.body, this.redelivered, this.receivedAt, at, this.attempts, this.failure,
				this.deadLetteredAt, this.offset);
	}

	Delivery failed(int attempt, String reason) {
		return new Delivery(this.sequence, this.pattern, this.consumer, this.queue, this.exchange, this.routingKey,
				this.messageId, this.body, this.redelivered, this.receivedAt, this.ackedAt, attempt, reason,
				this.deadLetteredAt, this.offset);
	}

	Delivery retried(int attempt) {
		return new Delivery(this.sequence, this.pattern, this.consumer, this.queue, this.exchange, this.routingKey,
				this.messageId, this.body, this.redelivered, this.receivedAt, this.ackedAt, attempt, this.failure,
				this.deadLetteredAt, this.offset);
	}

	Delivery deadLettered(Instant at) {
		return new Delivery(this.sequence, this.pattern, this.consumer, this.queue, this.exchange, this.routingKey,
				this.messageId, this.body, this.redelivered, this.receivedAt, this.ackedAt, this.attempts, this.failure,
				at, this.offset);
	}

}
