package io.github.amqppatterns.broker;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a message, streamed to the page ({@code GET /api/events}); fields
 * that do not apply to a kind are left out.
 *
 * @param kind {@code published} (about to go out), {@code confirmed}, {@code publish-failed},
 * {@code delivered}, {@code acked}, {@code failed} (a consumer's attempt), {@code dead-lettered}
 * (the consumer gave up), {@code rpc-request}, {@code rpc-reply} or {@code rpc-timeout}
 * @param protocol {@code amqp-0-9-1} or {@code amqp-1.0}: what carried it (streams: absent)
 * @param exchange where it was published (a super stream's name for its messages); absent for a
 * message published to a stream, which then names it as {@code queue}
 * @param millis an RPC's round trip
 * @param detail why an attempt failed, or where a dead-lettered message went
 * @param headers the headers it was published with, where there are any: what a headers exchange
 * routes on
 * @param traceId the trace the message was sent in, where tracing put its context in the message's
 * headers ({@code traceparent} or {@code b3})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveEvent(String kind, @Nullable String protocol, Instant at, @Nullable String exchange,
		@Nullable String routingKey, @Nullable String queue, @Nullable String consumer, @Nullable String pattern,
		@Nullable String messageId, @Nullable String body, @Nullable Boolean redelivered, @Nullable Long millis,
		@Nullable Boolean routed, @Nullable String detail, @Nullable Map<String, String> headers,
		@Nullable String traceId) {

	static final int BODY_CHARS = 120;

	public static LiveEvent published(Protocol protocol, String exchange, String routingKey, String messageId,
			String body, Map<String, String> headers) {
		return sent("published", protocol, exchange, routingKey, messageId, body, null, headers);
	}

	/** What became of a published message: {@code confirmed} or {@code publish-failed}. */
	static LiveEvent sent(String kind, Protocol protocol, String exchange, String routingKey, String messageId,
			String body, @Nullable Boolean routed, Map<String, String> headers) {
		return new LiveEvent(kind, protocol.id(), Instant.now(), exchange, routingKey, null, null, null, messageId,
				PlainText.cut(body, BODY_CHARS), null, null, routed, null, headers.isEmpty() ? null : headers, null);
	}

	/**
	 * A message published to a stream, or to a super stream with the key that picks its partition:
	 * {@code published}, then {@code confirmed} or {@code publish-failed}. A stream's confirm says
	 * nothing of the partition; the delivery does.
	 */
	public static LiveEvent toStream(String kind, String stream, @Nullable String partitionKey, String messageId,
			String body) {
		boolean superStream = partitionKey != null;
		return new LiveEvent(kind, null, Instant.now(), superStream ? stream : null, partitionKey,
				superStream ? null : stream, null, "streams", messageId, PlainText.cut(body, BODY_CHARS), null, null,
				null, null, null, null);
	}

	public static LiveEvent delivered(String kind, @Nullable String protocol, String pattern, String consumer,
			String queue, String exchange, String routingKey, @Nullable String messageId, String body,
			boolean redelivered, @Nullable String detail, @Nullable String traceId) {
		return new LiveEvent(kind, protocol, Instant.now(), exchange, routingKey, queue, consumer, pattern, messageId,
				PlainText.cut(body, BODY_CHARS), redelivered, null, null, detail, null, traceId);
	}

	/** An RPC's request, reply or timeout, all three with the request's {@code messageId}. */
	public static LiveEvent rpc(String kind, Protocol protocol, String queue, String messageId, String body,
			@Nullable Long millis) {
		return new LiveEvent(kind, protocol.id(), Instant.now(), "", queue, queue, null, "rpc", messageId,
				PlainText.cut(body, BODY_CHARS), null, millis, null, null, null, null);
	}

}
