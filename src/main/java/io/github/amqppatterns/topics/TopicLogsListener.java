package io.github.amqppatterns.topics;

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

/** The tutorial's {@code ReceiveLogsTopic}, as Q1 and Q2; the extra subscribers log the same way. */
@Component
class TopicLogsListener {

	static final String Q1 = "Q1";

	static final String Q2 = "Q2";

	private static final Logger logger = LoggerFactory.getLogger(TopicLogsListener.class);

	private final DeliveryLog deliveryLog;

	TopicLogsListener(DeliveryLog deliveryLog) {
		this.deliveryLog = deliveryLog;
	}

	@RabbitListener(id = Q1, queues = "#{topicQ1Queue}", ackMode = "NONE",
			containerFactory = ServerNamedQueue.CONTAINER_FACTORY)
	@RabbitListener(id = Q1 + Amqp10.OVER_AMQP_1_0, queues = "#{topicQ1Queue.name}",
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void q1(Message message) {
		receive(Q1, message);
	}

	@RabbitListener(id = Q2, queues = "#{topicQ2Queue}", ackMode = "NONE",
			containerFactory = ServerNamedQueue.CONTAINER_FACTORY)
	@RabbitListener(id = Q2 + Amqp10.OVER_AMQP_1_0, queues = "#{topicQ2Queue.name}",
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void q2(Message message) {
		receive(Q2, message);
	}

	void receive(String subscriber, Message message) {
		Delivery delivery = this.deliveryLog.record(MessagingPattern.TOPICS, subscriber, message);
		logger.info("{}  [x] Received '{}':'{}'", subscriber, PlainText.preview(delivery.routingKey()),
				PlainText.preview(delivery.body()));
	}

}
