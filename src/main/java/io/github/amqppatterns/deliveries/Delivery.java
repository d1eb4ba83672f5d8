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

	/**
	 * The id of the trace the message was sent in, from the context that Micrometer Tracing put in
	 * its headers: W3C's {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}) or Brave's
	 * single {@code b3} ({@code <trace id>-<span id>-…}); {@code null} where tracing is off.
	 */
	@Nullable String traceId() {
		String traceparent = this.headers.get("traceparent");
		if (traceparent != null) {
			String[] parts = traceparent.split("-");
			return (parts.length >= 4) ? parts[1] : null;
		}
		String b3 = this.headers.get("b3");
		if (b3 != null && b3.contains("-")) {
			return b3.substring(0, b3.indexOf('-'));
		}
		return null;
	}

	/** A copy with what can change once it is received. */
	Delivery with(@Nullable Instant ackedAt, int attempts, @Nullable String failure, @Nullable Instant deadLetteredAt) {
		return new Delivery(this.sequence, this.pattern, this.protocol, this.consumer, this.queue, this.exchange,
				this.routingKey, this.messageId, this.contentType, this.headers, this.body, this.redelivered,
				this.receivedAt, ackedAt, attempts, failure, deadLetteredAt, this.offset);
	}

}
