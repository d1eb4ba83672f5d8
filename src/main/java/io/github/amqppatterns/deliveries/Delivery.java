package io.github.amqppatterns.deliveries;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One message as a consumer received it.
 *
 * @param protocol {@code amqp-0-9-1} or {@code amqp-1.0}, what the consumer received it over
 * (streams: absent)
 * @param consumer as in the log lines ({@code worker-1}, {@code Q2}, …)
 * @param contentType as sent ({@code text/plain} from the service and the tutorials' clients that set one)
 * @param headers the message's headers (AMQP 1.0: application properties), their values as text
 * @param body cut at {@code amqp-patterns.deliveries.max-body-chars}, then marked with {@code …}
 * @param ackedAt for consumers that acknowledge by hand (the work queue's, after their work)
 * @param attempts 1 but for the work queue's workers, which retry a task they fail on
 */
public record Delivery(long sequence, MessagingPattern pattern, @Nullable String protocol, String consumer,
		String queue, String exchange, String routingKey, @Nullable String messageId, @Nullable String contentType,
		Map<String, String> headers, String body, boolean redelivered, Instant receivedAt, @Nullable Instant ackedAt,
		int attempts, @Nullable String failure, @Nullable Instant deadLetteredAt, @Nullable Long offset) {

	/** A copy with what can change once it is received. */
	Delivery with(@Nullable Instant ackedAt, int attempts, @Nullable String failure, @Nullable Instant deadLetteredAt) {
		return new Delivery(this.sequence, this.pattern, this.protocol, this.consumer, this.queue, this.exchange,
				this.routingKey, this.messageId, this.contentType, this.headers, this.body, this.redelivered,
				this.receivedAt, ackedAt, attempts, failure, deadLetteredAt, this.offset);
	}

}
