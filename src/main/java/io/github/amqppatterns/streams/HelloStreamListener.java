package io.github.amqppatterns.streams;

import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.MessageHandler;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Stream tutorial 1's {@code Receive}: prints each message from the stream's first. Nothing is
 * acknowledged and nothing leaves the stream: a restarted receiver reads it all again.
 */
@Component
class HelloStreamListener {

	static final String CONSUMER = "hello-stream-receiver";

	private static final Logger logger = LoggerFactory.getLogger(HelloStreamListener.class);

	private final DeliveryLog deliveryLog;

	HelloStreamListener(DeliveryLog deliveryLog) {
		this.deliveryLog = deliveryLog;
	}

	@RabbitListener(id = CONSUMER, queues = StreamsTopology.HELLO, containerFactory = StreamsTopology.HELLO_CONTAINER_FACTORY)
	void receive(Message message, MessageHandler.Context context) {
		String body = StreamPublisher.body(message);
		this.deliveryLog.recordFromStream(MessagingPattern.STREAMS, CONSUMER, context.stream(),
				StreamPublisher.messageId(message), body, context.offset());
		logger.info("{}  Received message: {} (offset {})", CONSUMER, PlainText.preview(body), context.offset());
	}

}
