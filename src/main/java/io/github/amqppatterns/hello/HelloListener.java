package io.github.amqppatterns.hello;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The tutorial's {@code Recv}, over the receivers' protocol. Over AMQP 0-9-1 with its autoAck (tutorial
 * 2's workers bring acknowledgements); AMQP 1.0 has no autoAck here: the container accepts each
 * message once this returns.
 */
@Component
class HelloListener {

	static final String CONSUMER = "hello-receiver";

	private static final Logger logger = LoggerFactory.getLogger(HelloListener.class);

	private final DeliveryLog deliveryLog;

	HelloListener(DeliveryLog deliveryLog) {
		this.deliveryLog = deliveryLog;
	}

	@RabbitListener(id = CONSUMER, queues = HelloTopology.QUEUE, ackMode = "NONE")
	@RabbitListener(id = CONSUMER + Amqp10.OVER_AMQP_1_0, queues = HelloTopology.QUEUE,
			containerFactory = Amqp10.CONTAINER_FACTORY)
	void receive(Message message) {
		Delivery delivery = this.deliveryLog.record(MessagingPattern.HELLO, CONSUMER, message);
		logger.info("{}  [x] Received '{}'", CONSUMER, PlainText.preview(delivery.body()));
	}

}
