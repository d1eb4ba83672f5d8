package io.github.amqppatterns.pubsub;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.broker.ServerNamedQueue;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The tutorial's {@code ReceiveLogs}, twice: each gets every message. Each consumes with autoAck
 * ({@code ackMode = "NONE"}), as {@code receive_logs.py} and every subscriber of a server-named
 * queue here do: the queue is exclusive to its connection and goes with it, so an acknowledgement
 * would protect nothing and cost a frame per message (bench/RESULTS.md, scenario 3).
 */
@Component
class LogsListener {

	static final String SUBSCRIBER_1 = "logs-subscriber-1";

	static final String SUBSCRIBER_2 = "logs-subscriber-2";

	private static final Logger logger = LoggerFactory.getLogger(LogsListener.class);

	private final DeliveryLog deliveryLog;

	LogsListener(DeliveryLog deliveryLog) {
		this.deliveryLog = deliveryLog;
	}

	@RabbitListener(id = SUBSCRIBER_1, queues = "#{logsSubscriber1Queue}", ackMode = "NONE",
			containerFactory = ServerNamedQueue.CONTAINER_FACTORY)
	@RabbitListener(id = SUBSCRIBER_1 + Amqp10.OVER_AMQP_1_0, queues = "#{logsSubscriber1Queue.name}",
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void subscriber1(Message message) {
		receive(SUBSCRIBER_1, message);
	}

	@RabbitListener(id = SUBSCRIBER_2, queues = "#{logsSubscriber2Queue}", ackMode = "NONE",
			containerFactory = ServerNamedQueue.CONTAINER_FACTORY)
	@RabbitListener(id = SUBSCRIBER_2 + Amqp10.OVER_AMQP_1_0, queues = "#{logsSubscriber2Queue.name}",
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void subscriber2(Message message) {
		receive(SUBSCRIBER_2, message);
	}

	private void receive(String subscriber, Message message) {
		Delivery delivery = this.deliveryLog.record(MessagingPattern.PUBSUB, subscriber, message);
		logger.info("{}  [x] Received '{}'", subscriber, PlainText.preview(delivery.body()));
	}

}
