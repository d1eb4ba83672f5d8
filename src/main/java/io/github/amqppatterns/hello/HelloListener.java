package io.github.amqppatterns.hello;

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
 * The tutorial's {@code Recv}: prints what arrives on {@code hello}. It consumes with autoAck, as
 * {@code Recv} does ({@code basicConsume(QUEUE_NAME, true, …)}, {@code auto_ack=True}): the broker
 * counts a message delivered once it has sent it, and there is no acknowledgement to send. Tutorial
 * 2's workers are where acknowledgements come in.
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
	void receive(Message message) {
		Delivery delivery = this.deliveryLog.record(MessagingPattern.HELLO, CONSUMER, message);
		logger.info("{}  [x] Received '{}'", CONSUMER, PlainText.preview(delivery.body()));
	}

}
