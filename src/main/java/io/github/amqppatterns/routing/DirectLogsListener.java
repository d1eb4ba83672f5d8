package io.github.amqppatterns.routing;

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

/** The tutorial's {@code ReceiveLogsDirect}, as {@code error} and as {@code info warning error}. */
@Component
class DirectLogsListener {

	static final String ERROR_ONLY = "error-only";

	static final String ALL_SEVERITIES = "all-severities";

	private static final Logger logger = LoggerFactory.getLogger(DirectLogsListener.class);

	private final DeliveryLog deliveryLog;

	DirectLogsListener(DeliveryLog deliveryLog) {
		this.deliveryLog = deliveryLog;
	}

	@RabbitListener(id = ERROR_ONLY, queues = "#{errorOnlyQueue}", ackMode = "NONE",
			containerFactory = ServerNamedQueue.CONTAINER_FACTORY)
	@RabbitListener(id = ERROR_ONLY + Amqp10.OVER_AMQP_1_0, queues = "#{errorOnlyQueue.name}",
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void errorOnly(Message message) {
		receive(ERROR_ONLY, message);
	}

	@RabbitListener(id = ALL_SEVERITIES, queues = "#{allSeveritiesQueue}", ackMode = "NONE",
			containerFactory = ServerNamedQueue.CONTAINER_FACTORY)
	@RabbitListener(id = ALL_SEVERITIES + Amqp10.OVER_AMQP_1_0, queues = "#{allSeveritiesQueue.name}",
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void allSeverities(Message message) {
		receive(ALL_SEVERITIES, message);
	}

	private void receive(String subscriber, Message message) {
		Delivery delivery = this.deliveryLog.record(MessagingPattern.ROUTING, subscriber, message);
		logger.info("{}  [x] Received '{}':'{}'", subscriber, PlainText.preview(delivery.routingKey()),
				PlainText.preview(delivery.body()));
	}

}
