package io.github.amqppatterns.confirms;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What one tutorial 7 run measured, over {@code protocol} ({@code amqp-0-9-1} or {@code amqp-1.0},
 * whose {@code ACCEPTED} outcomes count as {@code acked}): {@code batchSize} for the {@code batch} strategy only,
 * {@code unconfirmed} when the run gave up waiting, {@code millis} from the first publish to the
 * last confirm, {@code perSecond} confirmed messages.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConfirmsRun(String protocol, String strategy, int count, @Nullable Integer batchSize, int acked, int nacked,
		int unconfirmed, long millis, long perSecond) {
}
