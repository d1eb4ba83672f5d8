package io.github.amqppatterns.streams;

import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.MessageHandler;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.rabbit.stream.listener.StreamMessageListener;
import org.springframework.stereotype.Component;

/**
 * Stream tutorial 1's {@code Receive}: reads the stream from its first message and prints each one,
 * with the stream client's own message and context. Nothing is acknowledged and nothing leaves the
 * stream: a restarted receiver reads it all again. Its container is {@link StreamStarter}'s.
 */
@Component
class HelloStreamListener implements StreamMessageListener {

	static final String CONSUMER = "hello-stream-receiver";

	private static final Logger logger = LoggerFactory.getLogger(HelloStreamListener.class);

	private final DeliveryLog deliveryLog;

	HelloStreamListener(DeliveryLog deliveryLog) {
		this.deliveryLog = deliveryLog;
	}

	@Override
	public void onStreamMessage(Message message, MessageHandler.Context context) {
		String body = StreamText.body(message);
		this.deliveryLog.recordFromStream(MessagingPattern.STREAMS, CONSUMER, context.stream(),
				StreamText.messageId(message), body, context.offset());
		logger.info("{}  Received message: {} (offset {})", CONSUMER, PlainText.preview(body), context.offset());
	}

	@Override
	public void onMessage(org.springframework.amqp.core.Message message) {
		throw new UnsupportedOperationException("A stream listener gets the stream client's messages");
	}

}
