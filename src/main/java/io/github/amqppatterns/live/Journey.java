package io.github.amqppatterns.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one message, as the service saw it: {@code GET /api/messages/{messageId}}.
 *
 * @param pattern the tutorial that published or received it
 * @param protocol what carried it first ({@code amqp-0-9-1} or {@code amqp-1.0})
 * @param headers the headers it was published with, where it had any
 * @param publishedAt when the service published it (an RPC: sent the request); absent for a message
 * another client published
 * @param outcome how far it got, from its last publish on: {@code published}, {@code confirmed},
 * {@code unrouted} (confirmed, but no queue took it), {@code publish-failed}, {@code delivered},
 * {@code failed} (a worker's try failed, and it tries again), {@code acked}, {@code dead-lettered};
 * an RPC: {@code rpc-request}, {@code delivered}, {@code rpc-reply} or {@code rpc-timeout}
 * @param queues the queues it was delivered from, in the order of the deliveries
 * @param consumers the consumers that got it, in that order
 * @param failedAttempts the workers' tries that failed
 * @param reply an RPC's reply
 * @param traceId the trace it was sent in, where tracing is on
 * @param steps every event, oldest first
 * @param stepsLeftOut events past {@value MessageJourneys#MAX_STEPS} steps, counted only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Journey(String messageId, @Nullable String pattern, @Nullable String protocol, @Nullable String exchange,
		@Nullable String routingKey, @Nullable String body, @Nullable Map<String, String> headers,
		@Nullable Instant publishedAt, String outcome,
		List<String> queues, List<String> consumers, int failedAttempts, @Nullable String reply,
		@Nullable String traceId, List<Step> steps, int stepsLeftOut) {

	/**
	 * One event of the journey.
	 *
	 * @param afterMillis since the journey's first step (its publish, where the service published it)
	 * @param millis an RPC's round trip
	 * @param detail why a try failed, or where a dead-lettered message went
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Step(String kind, Instant at, long afterMillis, @Nullable String protocol, @Nullable String exchange,
			@Nullable String routingKey, @Nullable String queue, @Nullable String consumer,
			@Nullable Boolean redelivered, @Nullable Boolean routed, @Nullable Long millis, @Nullable String detail) {
	}

}
