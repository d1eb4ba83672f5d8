package io.github.amqppatterns.live;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.deliveries.MessagingPattern;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.marker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What the service keeps of the messages that go through it stays bounded however many go through:
 * a long fanout load, with a page that follows the live events and never reads them, runs until
 * that page's buffer has dropped events and more messages went through than any bound keeps.
 */
@IntegrationTest
class BoundedUnderLoadTests {

	/** More than the load can need on a busy machine; a bound, so that a defect fails the test. */
	private static final int MAX_MESSAGES = 20_000;

	private static final Duration MAX_LOAD = Duration.ofMinutes(3);

	@Autowired
	TutorialClient client;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	LiveProperties live;

	@LocalServerPort
	int port;

	@Test
	void keepsTheDeliveryLogTheJourneysAndASlowPagesBufferBoundedUnderALongLoad() throws IOException {
		String marker = marker();
		try (Socket slowPage = followWithoutReading()) {
			double droppedBefore = dropped();
			Published first = this.client.postText("/api/logs", "first " + marker);
			Published last = first;
			int messages = 1;
			long deadline = System.nanoTime() + MAX_LOAD.toNanos();
			while (dropped() == droppedBefore || messages <= this.live.journeys()) {
				if (messages >= MAX_MESSAGES || System.nanoTime() > deadline) {
					fail("After %d messages in %s the slow page's buffer dropped %s events (it must drop some)",
							messages, MAX_LOAD, dropped() - droppedBefore);
				}
				last = this.client.postText("/api/logs", "load " + messages + " " + marker);
				messages++;
			}

			assertThat(this.meterRegistry.get("amqp.patterns.live.buffered").gauge().value())
				.as("events waiting for the pages")
				.isLessThanOrEqualTo(this.live.bufferPerClient() * this.live.maxClients());
			assertThat(this.meterRegistry.get("amqp.patterns.live.journeys").gauge().value())
				.isEqualTo(this.live.journeys());
			this.client.http().get().uri("/api/messages/{id}", first.messageId()).exchange().expectStatus().isNotFound();
			this.client.http().get().uri("/api/messages/{id}", last.messageId()).exchange().expectStatus().isOk();
			// two subscribers, a delivery each per message: the first message's went long ago
			String lastBody = "load " + (messages - 1) + " " + marker;
			eventually().untilAsserted(() -> assertThat(this.client.deliveries(MessagingPattern.PUBSUB, lastBody))
				.hasSize(2));
			assertThat(this.client.deliveries(MessagingPattern.PUBSUB, "first " + marker)).isEmpty();
		}
	}

	/**
	 * A page that asks for the live events and reads none: with a small receive window, the server's
	 * writes to it soon block, and its buffer fills.
	 */
	private Socket followWithoutReading() throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(1024);
		socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	private double dropped() {
		return this.meterRegistry.get("amqp.patterns.live.dropped").counter().count();
	}

}
