package io.github.amqppatterns.confirms;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What one tutorial 7 run measured.
 *
 * @param strategy how the run waited for confirms
 * @param count messages published
 * @param batchSize messages per wait, for the {@code batch} strategy
 * @param acked messages the broker confirmed
 * @param nacked messages the broker refused
 * @param unconfirmed messages with no confirm when the run gave up waiting
 * @param millis from the first publish to the last confirm
 * @param perSecond confirmed messages per second
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConfirmsRun(String strategy, int count, @Nullable Integer batchSize, int acked, int nacked, int unconfirmed,
		long millis, long perSecond) {
}
