package io.github.amqppatterns.broker;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a message, published through {@link LiveEvents} by the code that saw
 * it, and streamed to the page ({@code GET /api/events}). Fields that do not apply to a kind are
 * left out.
 *
 * @param kind what happened: {@code published} (about to go out), {@code confirmed} (the broker
 * took it), {@code publish-failed} (it did not), {@code delivered}, {@code acked}, {@code failed} (a
 * consumer's attempt at it failed), {@code dead-lettered} (the consumer gave up on it),
 * {@code rpc-request}, {@code rpc-reply} or {@code rpc-timeout}
 * @param at when
 * @param exchange the exchange it was published to ({@code ""}: the default exchange)
 * @param routingKey its routing key
 * @param queue the queue it was consumed from (delivered, acked)
 * @param consumer who consumed it (delivered, acked)
 * @param pattern the pattern of the consumer (delivered, acked)
 * @param messageId its {@code message_id}
 * @param body the start of its body
 * @param redelivered whether the broker flagged a delivery as a redelivery
 * @param millis an RPC's round trip (rpc-reply)
 * @param routed whether a queue took a confirmed message, where the broker says so (confirmed)
 * @param detail why an attempt failed (failed), where the message went (dead-lettered)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveEvent(String kind, Instant at, @Nullable String exchange, @Nullable String routingKey,
		@Nullable String queue, @Nullable String consumer, @Nullable String pattern, @Nullable String messageId,
		@Nullable String body, @Nullable Boolean redelivered, @Nullable Long millis, @Nullable Boolean routed,
		@Nullable String detail) {

	/** Longest body an event carries. */
	static final int BODY_CHARS = 120;

	public static LiveEvent published(String exchange, String routingKey, String messageId, String body) {
		return new LiveEvent("published", Instant.now(), exchange, routingKey, null, null, null, messageId, cut(body),
				null, null, null, null);
	}

	public static LiveEvent confirmed(String exchange, String routingKey, String messageId, String body,
			@Nullable Boolean routed) {
		return new LiveEvent("confirmed", Instant.now(), exchange, routingKey, null, null, null, messageId, cut(body),
				null, null, routed, null);
	}

	public static LiveEvent publishFailed(String exchange, String routingKey, String messageId, String body) {
		return new LiveEvent("publish-failed", Instant.now(), exchange, routingKey, null, null, null, messageId,
				cut(body), null, null, null, null);
	}

	public static LiveEvent delivered(String kind, String pattern, String consumer, String queue, String exchange,
			String routingKey, @Nullable String messageId, String body, boolean redelivered, @Nullable String detail) {
		return new LiveEvent(kind, Instant.now(), exchange, routingKey, queue, consumer, pattern, messageId, cut(body),
				redelivered, null, null, detail);
	}

	public static LiveEvent rpc(String kind, String queue, String body, @Nullable Long millis) {
		return new LiveEvent(kind, Instant.now(), "", queue, queue, null, "rpc", null, cut(body), null, millis, null,
				null);
	}

	private static String cut(String body) {
		return PlainText.cut(body, BODY_CHARS);
	}

}
