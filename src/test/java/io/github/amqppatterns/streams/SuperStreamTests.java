package io.github.amqppatterns.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.ServiceProcess;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitStreamConnectionDetails;
import org.springframework.http.MediaType;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.expectProblem;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The super stream and its single active consumers: on RabbitMQ 3.13 or later, two instances of
 * the service share its partitions, and when one is killed the other takes its partitions over,
 * after the offsets stored there; elsewhere, a 503 that says what is needed.
 */
@IntegrationTest
class SuperStreamTests {

	private static final Logger logger = LoggerFactory.getLogger(SuperStreamTests.class);

	private static final Runtime.Version SUPER_STREAMS = Runtime.Version.parse("3.13");

	private static final Comparator<Delivery> BY_OFFSET = Comparator.comparing(Delivery::offset);

	@Autowired
	TutorialClient client;

	@Autowired
	StreamsProperties properties;

	@Autowired
	RabbitConnectionDetails connection;

	@Autowired
	RabbitStreamConnectionDetails streamConnection;

	boolean superStreamsHere;

	@BeforeEach
	void superStreamReadyWhereTheBrokerHasSuperStreams() {
		if (BrokerUnderTest.isEmbedded()) {
			return;
		}
		this.superStreamsHere = BrokerUnderTest.rabbitMqVersion(this.connection).compareTo(SUPER_STREAMS) >= 0;
		eventually().atMost(Duration.ofSeconds(30)).until(() -> status().available() == this.superStreamsHere
				&& this.client.get("/api/streams", StreamsController.Streams.class).available());
	}

	@Test
	void aSecondInstanceTakesOverAKilledInstancesPartitionsAfterTheirStoredOffsetsSkippingNothing() {
		if (!this.superStreamsHere) {
			expectUnavailable();
			return;
		}
		ServiceProcess other = new ServiceProcess(BrokerUnderTest.serviceSettings(this.connection, this.streamConnection));
		try {
			Set<String> there = eventually().atMost(Duration.ofSeconds(30))
				.until(() -> activeThere(other), (partitions) -> !partitions.isEmpty()
						&& disjointAndWhole(activeHere(), partitions));
			String marker = marker();
			List<String> sent = publish(marker, 0, 60);
			eventually().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Set<String> delivered = new HashSet<>(ids(deliveredHere(marker)));
				delivered.addAll(ids(deliveredThere(other, marker)));
				assertThat(delivered).containsAll(sent);
			});
			List<Delivery> beforeKill = deliveredThere(other, marker);

			other.kill();
			long killed = System.nanoTime();
			eventually().atMost(Duration.ofSeconds(30)).until(this::activeHere,
					(partitions) -> partitions.containsAll(this.properties.superStream().partitionNames()));
			long takeOverMillis = (System.nanoTime() - killed) / 1_000_000;
			sent.addAll(publish(marker, 60, 120));
			eventually().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(ids(deliveredHere(marker))).containsAll(sent.subList(60, 120)));

			Map<String, Long> resumedAt = new HashMap<>();
			status().partitions().forEach((partition) -> resumedAt.put(partition.name(), partition.resumedAt()));
			int duplicates = 0;
			for (String partition : there) {
				Long resumed = resumedAt.get(partition);
				List<Delivery> thereBefore = onPartition(beforeKill, partition);
				List<Delivery> here = onPartition(deliveredHere(marker), partition);
				if (thereBefore.size() >= OffsetTrackingRuns.STORE_EVERY) {
					assertThat(resumed).as("%s: resumed after the offset the killed instance stored, not from the start",
							partition)
						.isNotNull()
						.isGreaterThan(thereBefore.get(0).offset());
				}
				long from = (resumed != null) ? resumed : 0;
				assertThat(here).as("%s: read here from the resumed offset %d on, none before", partition, from)
					.allSatisfy((delivery) -> assertThat(delivery.offset()).isGreaterThanOrEqualTo(from));
				assertThat(thereBefore).as("%s: what came before the resumed offset %d, read by the killed instance",
						partition, from)
					.filteredOn((delivery) -> delivery.offset() < from)
					.extracting(Delivery::messageId)
					.doesNotContainAnyElementsOf(ids(here));
				long again = thereBefore.stream().filter((delivery) -> delivery.offset() >= from).count();
				assertThat(again).as("%s: read twice (by the killed instance after its last stored offset, and here)",
						partition)
					.isLessThanOrEqualTo(OffsetTrackingRuns.STORE_EVERY);
				duplicates += (int) again;
			}
			Set<String> delivered = new HashSet<>(ids(deliveredHere(marker)));
			delivered.addAll(ids(beforeKill));
			assertThat(delivered).as("every message, once at least").containsExactlyInAnyOrderElementsOf(sent);
			logger.info("Super stream: {} of {} partitions taken over {} ms after the kill; {} of 120 messages read "
					+ "twice", there.size(), this.properties.superStream().partitions(), takeOverMillis, duplicates);
		}
		finally {
			other.kill();
		}
	}

	@Test
	void keepsTheMessagesOfOneKeyInOnePartitionInOrder() {
		if (!this.superStreamsHere) {
			expectUnavailable();
			return;
		}
		String marker = marker();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(publish(marker + " " + i, "customer-42"));
		}
		List<Delivery> delivered = eventually().until(() -> deliveredHere(marker), (all) -> all.size() == 5);
		assertThat(delivered).extracting(Delivery::queue).containsOnly(delivered.get(0).queue());
		assertThat(delivered.get(0).queue()).isIn(this.properties.superStream().partitionNames());
		assertThat(delivered).extracting(Delivery::messageId).containsExactlyElementsOf(ids);
	}

	@Test
	void refusesAnEmptyOrOverlongKey() {
		expectProblem(this.client.http()
			.post()
			.uri("/api/streams/super-stream?key=")
			.contentType(MediaType.TEXT_PLAIN)
			.body("invoice")
			.exchange(), 400, "key must be 1 to 255 characters; got 0");
		expectProblem(this.client.http()
			.post()
			.uri("/api/streams/super-stream?key={key}", "k".repeat(256))
			.contentType(MediaType.TEXT_PLAIN)
			.body("invoice")
			.exchange(), 400, "key must be 1 to 255 characters; got 256");
	}

	private void expectUnavailable() {
		expectProblem(this.client.http()
			.post()
			.uri("/api/streams/super-stream")
			.contentType(MediaType.TEXT_PLAIN)
			.body("invoice")
			.exchange(), 503, BrokerUnderTest.isEmbedded() ? "The embedded broker has no streams"
					: "super streams need RabbitMQ 3.13 or later");
	}

	private List<String> publish(String marker, int from, int to) {
		List<String> ids = new ArrayList<>();
		for (int i = from; i < to; i++) {
			ids.add(publish(marker + " " + i, marker + "-" + i));
		}
		return ids;
	}

	private String publish(String text, String key) {
		StreamsController.SuperStreamPublished published = this.client.postText("/api/streams/super-stream?key={key}",
				text, StreamsController.SuperStreamPublished.class, key);
		assertThat(published.key()).isEqualTo(key);
		assertThat(published.confirmed()).isTrue();
		return published.messageId();
	}

	private SuperStreamConsumers.SuperStreamStatus status() {
		return this.client.get("/api/streams", StreamsController.Streams.class).superStream();
	}

	private Set<String> activeHere() {
		return status().partitions()
			.stream()
			.filter((partition) -> partition.activeHere() != null)
			.map(SuperStreamConsumers.SuperStreamStatus.Partition::name)
			.collect(Collectors.toSet());
	}

	private static Set<String> activeThere(ServiceProcess other) {
		Set<String> active = new HashSet<>();
		for (JsonNode partition : other.getJson("/api/streams").get("superStream").get("partitions")) {
			if (!partition.get("activeHere").isNull()) {
				active.add(partition.get("name").asString());
			}
		}
		return active;
	}

	private boolean disjointAndWhole(Set<String> here, Set<String> there) {
		Set<String> all = new HashSet<>(here);
		all.addAll(there);
		return all.size() == here.size() + there.size()
				&& all.containsAll(this.properties.superStream().partitionNames());
	}

	/** This instance's deliveries of the super stream with {@code marker}, by offset. */
	private List<Delivery> deliveredHere(String marker) {
		return this.client
			.deliveries(MessagingPattern.STREAMS,
					(delivery) -> delivery.body().startsWith(marker) && delivery.consumer().startsWith(consumerPrefix()))
			.stream()
			.sorted(BY_OFFSET)
			.toList();
	}

	/** The other instance's, by offset. */
	private static List<Delivery> deliveredThere(ServiceProcess other, String marker) {
		return other.deliveries(MessagingPattern.STREAMS)
			.stream()
			.filter((delivery) -> delivery.body().startsWith(marker))
			.sorted(BY_OFFSET)
			.toList();
	}

	private String consumerPrefix() {
		return SuperStreamConsumers.GROUP + "-";
	}

	private static List<Delivery> onPartition(List<Delivery> deliveries, String partition) {
		return deliveries.stream().filter((delivery) -> delivery.queue().equals(partition)).toList();
	}

	private static List<String> ids(List<Delivery> deliveries) {
		return deliveries.stream().map(Delivery::messageId).toList();
	}

}
