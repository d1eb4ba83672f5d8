package io.github.amqppatterns.headers;

import java.util.TreeMap;

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

/** The headers exchange's two subscribers: {@code match-all} and {@code match-any}. */
@Component
class HeadersListener {

	static final String MATCH_ALL = "match-all";

	static final String MATCH_ANY = "match-any";

	private static final Logger logger = LoggerFactory.getLogger(HeadersListener.class);

	private final DeliveryLog deliveryLog;

	HeadersListener(DeliveryLog deliveryLog) {
		this.deliveryLog = deliveryLog;
	}

	@RabbitListener(id = MATCH_ALL, queues = "#{matchAllQueue}", ackMode = "NONE",
			containerFactory = ServerNamedQueue.CONTAINER_FACTORY)
	@RabbitListener(id = MATCH_ALL + Amqp10.OVER_AMQP_1_0, queues = "#{matchAllQueue.name}",
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void matchAll(Message message) {
		receive(MATCH_ALL, message);
	}

	@RabbitListener(id = MATCH_ANY, queues = "#{matchAnyQueue}", ackMode = "NONE",
			containerFactory = ServerNamedQueue.CONTAINER_FACTORY)
	@RabbitListener(id = MATCH_ANY + Amqp10.OVER_AMQP_1_0, queues = "#{matchAnyQueue.name}",
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void matchAny(Message message) {
		receive(MATCH_ANY, message);
	}

	private void receive(String subscriber, Message message) {
		Delivery delivery = this.deliveryLog.record(MessagingPattern.HEADERS, subscriber, message);
		logger.info("{}  [x] Received '{}' with headers {}", subscriber, PlainText.preview(delivery.body()),
				PlainText.preview(new TreeMap<>(message.getMessageProperties().getHeaders()).toString()));
	}

}
