package io.github.amqppatterns.deliveries;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryLogTests {

	private final DeliveryLog log = new DeliveryLog(new DeliveriesProperties(3, 5), (event) -> {
	});

	@Test
	void keepsTheNewestDeliveriesUpToItsCapacityNewestFirst() {
		for (int i = 1; i <= 5; i++) {
			this.log.record(MessagingPattern.HELLO, "c", message("m" + i));
		}

		assertThat(this.log.newest((d) -> true, 10)).extracting(Delivery::body).containsExactly("m5", "m4", "m3");
	}

	@Test
	void filtersAndLimits() {
		this.log.record(MessagingPattern.HELLO, "a", message("1"));
		this.log.record(MessagingPattern.TOPICS, "b", message("2"));
		this.log.record(MessagingPattern.TOPICS, "b", message("3"));

		assertThat(this.log.newest((d) -> d.pattern() == MessagingPattern.TOPICS, 1)).extracting(Delivery::body)
			.containsExactly("3");
	}

	@Test
	void cutsLongBodiesAndMarksTheCut() {
		assertThat(this.log.record(MessagingPattern.HELLO, "c", message("0123456789")).body()).isEqualTo("01234…");
	}

	@Test
	void recordsTheAcknowledgementInPlace() {
		Delivery first = this.log.record(MessagingPattern.WORK_QUEUES, "worker-1", message("a"));
		this.log.record(MessagingPattern.WORK_QUEUES, "worker-2", message("b"));

		this.log.acked(first);

		List<Delivery> newest = this.log.newest((d) -> true, 10);
		assertThat(newest).extracting(Delivery::body).containsExactly("b", "a");
		assertThat(newest.get(0).ackedAt()).isNull();
		assertThat(newest.get(1).ackedAt()).isNotNull().isAfterOrEqualTo(newest.get(1).receivedAt());
	}

	@Test
	void readsWhereTheMessageCameFrom() {
		MessageProperties properties = new MessageProperties();
		properties.setConsumerQueue("amq.gen-1");
		properties.setReceivedExchange("topic_logs");
		properties.setReceivedRoutingKey("lazy.pink.rabbit");
		properties.setMessageId("id-1");
		properties.setRedelivered(true);

		Delivery delivery = this.log.record(MessagingPattern.TOPICS, "Q2",
				new Message("hi".getBytes(StandardCharsets.UTF_8), properties));

		assertThat(delivery).extracting(Delivery::queue, Delivery::exchange, Delivery::routingKey,
				Delivery::messageId, Delivery::redelivered)
			.containsExactly("amq.gen-1", "topic_logs", "lazy.pink.rabbit", "id-1", true);
	}

	private static Message message(String body) {
		return new Message(body.getBytes(StandardCharsets.UTF_8), new MessageProperties());
	}

}
