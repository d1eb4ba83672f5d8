package io.github.amqppatterns;

import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} shows Spring AMQP's listener and template observations, and the
 * service's publishes, once there was traffic.
 */
@IntegrationTest
class ObservabilityTests {

	@Autowired
	TutorialClient client;

	@Test
	void exposesListenerTemplateAndPublishMetricsAfterTraffic() {
		Published published = this.client.postText("/api/hello", "metrics " + marker());
		this.client.awaitReceivers(MessagingPattern.HELLO, published, "hello-receiver");
		this.client.http().get().uri("/api/fib/20").exchange().expectStatus().isOk();

		eventually().untilAsserted(() -> assertThat(prometheus())
			.containsPattern("spring_rabbit_listener_seconds_count\\{[^}]*spring_rabbit_listener_id=\"hello-receiver\"[^}]*\\} [1-9]")
			.containsPattern("spring_rabbit_listener_seconds_count\\{[^}]*spring_rabbit_listener_id=\"fib-server\"[^}]*\\} [1-9]")
			.containsPattern("spring_rabbit_template_seconds_count\\{[^}]*\\} [1-9]")
			.containsPattern("amqp_patterns_publish_seconds_count\\{[^}]*exchange=\"amq.default\"[^}]*outcome=\"confirmed\"[^}]*\\} [1-9]"));
	}

	@Test
	void exposesOnlyTheListedActuatorEndpoints() {
		for (String hidden : new String[] { "env", "beans", "heapdump", "configprops", "metrics", "loggers" }) {
			this.client.http().get().uri("/actuator/" + hidden).exchange().expectStatus().isNotFound();
		}
	}

	private String prometheus() {
		return this.client.get("/actuator/prometheus", String.class);
	}

}
