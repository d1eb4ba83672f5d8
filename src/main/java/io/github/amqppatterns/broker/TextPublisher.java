package io.github.amqppatterns.broker;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a text message as the tutorials' senders do, through Boot's {@link RabbitTemplate},
 * and logs their {@code [x] Sent} line; each message gets a {@code message_id}, which its delivery
 * shows too. A publish returns once the broker confirmed it. RabbitMQ returns an unroutable
 * mandatory message before it confirms it, so by then {@link CorrelationData#getReturned()} says
 * whether it was routed.
 */
@Component
public class TextPublisher {

	private static final Logger logger = LoggerFactory.getLogger(TextPublisher.class);

	private final RabbitTemplate rabbitTemplate;

	private final LiveEvents live;

	private final BrokerInUse broker;

	private final Duration confirmTimeout;

	private final Meter.MeterProvider<Timer> publishTimer;

	TextPublisher(RabbitTemplate rabbitTemplate, LiveEvents live, BrokerInUse broker, PublishProperties properties,
			MeterRegistry meterRegistry) {
		this.rabbitTemplate = rabbitTemplate;
		this.live = live;
		this.broker = broker;
		this.confirmTimeout = properties.confirmTimeout();
		this.publishTimer = Timer.builder("amqp.patterns.publish")
			.description("Publishes, from the send to the broker's confirm (or the failure)")
			.withRegistry(meterRegistry);
	}

	/** Publishes to a queue through the default exchange: the queue must exist. */
	public Published toQueue(String queue, String text, MessageDeliveryMode deliveryMode) {
		return publish("", queue, text, deliveryMode, Map.of(), true, UUID.randomUUID().toString());
	}

	/** Publishes a message again, with its {@code message_id}: the queue must exist. */
	public Published againToQueue(String queue, String text, String messageId, MessageDeliveryMode deliveryMode) {
		return publish("", queue, text, deliveryMode, Map.of(), true, messageId);
	}

	/** Publishes to an exchange: reaching no queue is a normal outcome ({@code routed=false}). */
	public Published toExchange(String exchange, String routingKey, String text, MessageDeliveryMode deliveryMode) {
		return toExchange(exchange, routingKey, text, deliveryMode, Map.of());
	}

	public Published toExchange(String exchange, String routingKey, String text, MessageDeliveryMode deliveryMode,
			Map<String, String> headers) {
		return publish(exchange, routingKey, text, deliveryMode, headers, false, UUID.randomUUID().toString());
	}

	private Published publish(String exchange, String routingKey, String text, MessageDeliveryMode deliveryMode,
			Map<String, String> headers, boolean queueMustExist, String messageId) {
		// before the send: a consumer may get the message before this thread is back from it
		this.live.publish(() -> LiveEvent.published(exchange, routingKey, messageId, text));
		CorrelationData correlation = new CorrelationData(messageId);
		Boolean routed;
		long started = System.nanoTime();
		try {
			MessageBuilderSupport<Message> message = PlainText.message(text)
				.setMessageId(messageId)
				.setDeliveryMode(deliveryMode);
			headers.forEach(message::setHeader);
			this.rabbitTemplate.send(exchange, routingKey, message.build(), correlation);
			CorrelationData.Confirm confirm = PublishFailedException.await(correlation.getFuture(),
					this.confirmTimeout, PublishProperties.CONFIRM_TIMEOUT, "the message");
			if (!confirm.ack()) {
				throw new PublishFailedException(notConfirmed(confirm.reason()));
			}
			routed = this.broker.publishesMandatory() ? correlation.getReturned() == null : null;
			if (Boolean.FALSE.equals(routed) && queueMustExist) {
				throw new PublishFailedException("No queue '" + routingKey
						+ "' to take the message (returned unroutable"
						+ (exchange.isEmpty() ? "" : " by '" + exchange + "'") + ")");
			}
		}
		catch (AmqpException | PublishFailedException ex) {
			timed(exchange, "failed", started);
			this.live.publish(() -> LiveEvent.sent("publish-failed", exchange, routingKey, messageId, text, null));
			throw ex;
		}
		timed(exchange, Boolean.FALSE.equals(routed) ? "returned" : "confirmed", started);
		this.live.publish(() -> LiveEvent.sent("confirmed", exchange, routingKey, messageId, text, routed));
		String to = exchange.isEmpty() ? " to queue '" + routingKey + "'"
				: " to exchange '" + exchange + "' with routing key '" + routingKey + "'";
		logger.info(" [x] Sent '{}'{}{}", PlainText.preview(text), to,
				Boolean.FALSE.equals(routed) ? " (no queue took it: dropped)" : "");
		return new Published(exchange, routingKey, messageId, true, routed);
	}

	/** A broker's nack has no reason; Spring nacks with one when the channel closes first. */
	private static String notConfirmed(@Nullable String channelClosed) {
		if (channelClosed == null) {
			return "The broker refused the message (nack)";
		}
		if (channelClosed.startsWith("connection error") || channelClosed.startsWith("clean connection shutdown")) {
			return "The connection to the broker was lost before it confirmed the message: it may or may not have "
					+ "been taken (" + channelClosed + ")";
		}
		return "The broker closed the channel before it confirmed the message: it may or may not have been taken ("
				+ channelClosed + ")";
	}

	private void timed(String exchange, String outcome, long startedNanos) {
		this.publishTimer.withTags("exchange", exchange.isEmpty() ? "amq.default" : exchange, "outcome", outcome)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

}
