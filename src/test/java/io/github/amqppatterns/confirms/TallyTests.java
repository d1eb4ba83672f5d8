package io.github.amqppatterns.confirms;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CorrelationData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a run counts the confirms of a batch it waits for.
 */
class TallyTests {

	@Test
	void countsEveryConfirmOfABatchAfterOneThatFailedOrNeverCame() {
		CompletableFuture<CorrelationData.Confirm> failed = CompletableFuture
			.failedFuture(new IllegalStateException("channel gone"));
		CompletableFuture<CorrelationData.Confirm> neverCame = new CompletableFuture<>();
		PublisherConfirms.Tally tally = new PublisherConfirms.Tally();

		tally.await(List.of(acked(), failed, acked(), neverCame, nacked(), acked()), 50);

		assertThat(tally.acked()).isEqualTo(3);
		assertThat(tally.nacked()).isEqualTo(1);
	}

	private static CompletableFuture<CorrelationData.Confirm> acked() {
		return CompletableFuture.completedFuture(new CorrelationData.Confirm(true, null));
	}

	private static CompletableFuture<CorrelationData.Confirm> nacked() {
		return CompletableFuture.completedFuture(new CorrelationData.Confirm(false, "nack"));
	}

}
