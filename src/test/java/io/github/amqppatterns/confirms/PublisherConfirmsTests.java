package io.github.amqppatterns.confirms;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tutorial 7 over HTTP: every strategy gets every message confirmed.
 */
@IntegrationTest
class PublisherConfirmsTests {

	@Autowired
	TutorialClient client;

	@ParameterizedTest
	@ValueSource(strings = { "individual", "batch", "async" })
	void getsEveryMessageConfirmed(String strategy) {
		ConfirmsRun run = this.client.http()
			.post()
			.uri("/api/confirms/run?strategy={strategy}&count=500", strategy)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ConfirmsRun.class)
			.returnResult()
			.getResponseBody();

		assertThat(run).isNotNull();
		assertThat(run.strategy()).isEqualTo(strategy);
		assertThat(run.count()).isEqualTo(500);
		assertThat(run.acked()).isEqualTo(500);
		assertThat(run.nacked()).isZero();
		assertThat(run.unconfirmed()).isZero();
		assertThat(run.perSecond()).isPositive();
		assertThat(run.batchSize()).isEqualTo(strategy.equals("batch") ? 100 : null);
	}

}
