package io.github.amqppatterns;

import java.util.ArrayList;
import java.util.List;

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

	/**
	 * A metric series per tag value: no tag takes its value from a request (a topic key) or from
	 * the broker (a server-named queue, a publisher-confirms run's temporary queue).
	 */
	@Test
	void keepsTheMetricSeriesBoundedWhateverKeysAndQueuesComeAndGo() {
		Published warm = this.client.postText("/api/topics/lazy.first", "warm " + marker());
		this.client.awaitReceivers(MessagingPattern.TOPICS, warm, "Q2");
		this.client.http().post().uri("/api/confirms/run?strategy=async&count=10").exchange().expectStatus().isOk();
		eventually().until(this::prometheus, (metrics) -> metrics.contains("exchange=\"topic_logs\"")
				&& metrics.contains("spring_rabbit_listener_id=\"Q2\""));
		long templateSeries = series(prometheus(), "spring_rabbit_template_seconds_count");
		long listenerSeries = series(prometheus(), "spring_rabbit_listener_seconds_count");

		String marker = marker();
		List<Published> published = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			published.add(this.client.postText("/api/topics/lazy.key" + i + marker, "many keys"));
		}
		published.forEach((message) -> this.client.awaitReceivers(MessagingPattern.TOPICS, message, "Q2"));
		this.client.http().post().uri("/api/confirms/run?strategy=async&count=10").exchange().expectStatus().isOk();

		String metrics = prometheus();
		assertThat(metrics).doesNotContain(marker).doesNotContain("amq.gen-").doesNotContain("tmp_");
		assertThat(series(metrics, "spring_rabbit_template_seconds_count")).isEqualTo(templateSeries);
		assertThat(series(metrics, "spring_rabbit_listener_seconds_count")).isEqualTo(listenerSeries);
	}

	@Test
	void exposesOnlyTheListedActuatorEndpoints() {
		for (String hidden : new String[] { "env", "beans", "heapdump", "configprops", "metrics", "loggers" }) {
			this.client.http().get().uri("/actuator/" + hidden).exchange().expectStatus().isNotFound();
		}
	}

	private static long series(String prometheus, String name) {
		return prometheus.lines().filter((line) -> line.startsWith(name + "{")).count();
	}

	private String prometheus() {
		return this.client.get("/actuator/prometheus", String.class);
	}

}
