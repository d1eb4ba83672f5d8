package io.github.amqppatterns.topics;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TopicLogsTests {

	private static final String KERN_CRITICAL = "kern-critical";

	@Autowired
	TutorialClient client;

	@Test
	void routesTutorialFivesKeysAsTheTutorialSays() {
		Map<String, String[]> table = new LinkedHashMap<>();
		table.put("quick.orange.rabbit", new String[] { "Q1", "Q2" });
		table.put("lazy.orange.elephant", new String[] { "Q1", "Q2" });
		table.put("quick.orange.fox", new String[] { "Q1" });
		table.put("lazy.brown.fox", new String[] { "Q2" });
		// matches both of Q2's bindings, and still reaches Q2 once
		table.put("lazy.pink.rabbit", new String[] { "Q2" });
		table.put("quick.brown.fox", new String[] {});
		table.put("orange", new String[] {});
		table.put("quick.orange.new.rabbit", new String[] {});
		table.put("lazy.orange.new.rabbit", new String[] { "Q2" });

		assertRoutes(table);
	}

	@Test
	void routesToConfiguredExtraSubscribersOnce() {
		// the test configuration adds a subscriber bound with "kern.*" and "*.critical"
		Map<String, String[]> table = new LinkedHashMap<>();
		table.put("kern.critical", new String[] { KERN_CRITICAL });
		table.put("kern.info", new String[] { KERN_CRITICAL });
		table.put("app.critical", new String[] { KERN_CRITICAL });
		table.put("app.info", new String[] {});
		table.put("kern.disk.critical", new String[] {});

		assertRoutes(table);
	}

	private void assertRoutes(Map<String, String[]> table) {
		Map<String, Published> published = new LinkedHashMap<>();
		table.keySet().forEach((key) -> published.put(key, this.client.postText("/api/topics/" + key, marker())));
		table.forEach((key, receivers) -> {
			this.client.awaitReceivers(MessagingPattern.TOPICS, published.get(key), receivers);
			assertThat(published.get(key).confirmed()).isTrue();
			// RabbitMQ returns a message no queue takes; the embedded broker cannot say
			assertThat(published.get(key).routed()).as("routed, for %s", key)
				.isEqualTo(BrokerUnderTest.isEmbedded() ? null : receivers.length > 0);
		});
	}

}
