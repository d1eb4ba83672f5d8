package io.github.amqppatterns.routing;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.github.amqppatterns.TutorialClient.marker;
import static io.github.amqppatterns.routing.DirectLogsListener.ALL_SEVERITIES;
import static io.github.amqppatterns.routing.DirectLogsListener.ERROR_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DirectLogsTests {

	@Autowired
	TutorialClient client;

	@Test
	void routesEachSeverityOnlyToTheSubscribersBoundToIt() {
		Published error = this.client.postText("/api/logs/error", "disk full " + marker());
		Published info = this.client.postText("/api/logs/info", "started " + marker());
		Published warning = this.client.postText("/api/logs/warning", "disk 90% " + marker());

		assertThat(error.exchange()).isEqualTo("direct_logs");
		assertThat(error.routingKey()).isEqualTo("error");
		this.client.awaitReceivers(MessagingPattern.ROUTING, error, ERROR_ONLY, ALL_SEVERITIES);
		this.client.awaitReceivers(MessagingPattern.ROUTING, info, ALL_SEVERITIES);
		this.client.awaitReceivers(MessagingPattern.ROUTING, warning, ALL_SEVERITIES);
	}

}
