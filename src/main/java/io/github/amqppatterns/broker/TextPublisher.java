package io.github.amqppatterns.broker;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.amqp.Publisher;
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
import org.springframework.amqp.rabbitmq.client.RabbitAmqpTemplate;
import org.springframework.amqp.rabbitmq.client.RabbitAmqpUtils;
import org.springframework.stereotype.Component;

/**
 * Publishes a text message as the tutorials' senders do, and logs their {@code [x] Sent} line; each
 * message gets a {@code message_id}, which its delivery shows too. A publish returns once the broker
 * took it:
 * <ul>
 * <li>over AMQP 0-9-1, through Boot's {@link RabbitTemplate}, once the broker confirmed it. RabbitMQ
 * returns an unroutable mandatory message before it confirms it, so by then
 * {@link CorrelationData#getReturned()} says whether it was routed;</li>
 * <li>over AMQP 1.0, through {@link RabbitAmqpTemplate}'s publisher, once the broker's outcome is
 * {@code ACCEPTED}: RabbitMQ accepts a message only once a queue took it, and releases an
 * unroutable one. The template's own {@code send} fails alike for {@code REJECTED} and
 * {@code RELEASED}, without the broker's reason, which the client's answer names.</li>
 * </ul>
 */
@Component
public class TextPublisher {

	private static final Logger logger = LoggerFactory.getLogger(TextPublisher.class);

	private final RabbitTemplate rabbitTemplate;

	private final RabbitAmqpTemplate amqp10Template;

	private final Amqp10 amqp10;

	private final LiveEvents live;

	private final BrokerInUse broker;

	private final Duration confirmTimeout;

	private final Meter.MeterProvider<Timer> publishTimer;

	TextPublisher(RabbitTemplate rabbitTemplate, RabbitAmqpTemplate amqp10Template, Amqp10 amqp10, LiveEvents live,
			BrokerInUse broker, PublishProperties properties, MeterRegistry meterRegistry) {
		this.rabbitTemplate = rabbitTemplate;
		this.amqp10Template = amqp10Template;
		this.amqp10 = amqp10;
		this.live = live;
		this.broker = broker;
		this.confirmTimeout = properties.confirmTimeout();
		this.publishTimer = Timer.builder("amqp.patterns.publish")
			.description("Publishes, from the send to the broker's confirm (or the failure)")
			.withRegistry(meterRegistry);
	}

	/** Publishes to a queue (AMQP 0-9-1: through the default exchange): the queue must exist. */
	public Published toQueue(Protocol protocol, String queue, String text, MessageDeliveryMode deliveryMode) {
		return publish(protocol, "", queue, text, deliveryMode, Map.of(), UUID.randomUUID().toString());
	}

	/** Publishes a message again, with its {@code message_id}: the queue must exist. */
	public Published againToQueue(String queue, String text, String messageId, MessageDeliveryMode deliveryMode) {
		return publish(Protocol.AMQP_0_9_1, "", queue, text, deliveryMode, Map.of(), messageId);
	}

	/**
	 * Publishes to an exchange. Over AMQP 0-9-1 reaching no queue is a normal outcome
	 * ({@code routed=false}); over AMQP 1.0 the broker releases such a message: a 503.
	 */
	public Published toExchange(Protocol protocol, String exchange, String routingKey, String text,
			MessageDeliveryMode deliveryMode) {
		return toExchange(protocol, exchange, routingKey, text, deliveryMode, Map.of());
	}

	public Published toExchange(Protocol protocol, String exchange, String routingKey, String text,
			MessageDeliveryMode deliveryMode, Map<String, String> headers) {
		return publish(protocol, exchange, routingKey, text, deliveryMode, headers, UUID.randomUUID().toString());
	}

	private Published publish(Protocol protocol, String exchange, String routingKey, String text,
			MessageDeliveryMode deliveryMode, Map<String, String> headers, String messageId) {
		if (protocol == Protocol.AMQP_1_0) {
			this.amqp10.require();
		}
		// before the send: a consumer may get the message before this thread is back from it
		this.live.publish(() -> LiveEvent.published(protocol, exchange, routingKey, messageId, text, headers));
		MessageBuilderSupport<Message> builder = PlainText.message(text)
			.setMessageId(messageId)
			.setDeliveryMode(deliveryMode);
		headers.forEach(builder::setHeader);
		Message message = builder.build();
		Boolean routed;
		long started = System.nanoTime();
		try {
			routed = (protocol == Protocol.AMQP_1_0) ? overAmqp10(exchange, routingKey, message)
					: overAmqp091(exchange, routingKey, message);
		}
		catch (AmqpException | com.rabbitmq.client.amqp.AmqpException | PublishFailedException ex) {
			timed(protocol, exchange, "failed", started);
			this.live.publish(
					() -> LiveEvent.sent("publish-failed", protocol, exchange, routingKey, messageId, text, null, headers));
			throw (ex instanceof com.rabbitmq.client.amqp.AmqpException notSent)
					? new PublishFailedException("The broker did not take the message: " + notSent.getMessage()) : ex;
		}
		timed(protocol, exchange, Boolean.FALSE.equals(routed) ? "returned" : "confirmed", started);
		this.live.publish(
				() -> LiveEvent.sent("confirmed", protocol, exchange, routingKey, messageId, text, routed, headers));
		String to = exchange.isEmpty() ? " to queue '" + routingKey + "'"
				: " to exchange '" + exchange + "' with routing key '" + routingKey + "'";
		logger.info(" [x] Sent '{}'{}{}{}", PlainText.preview(text), to,
				(protocol == Protocol.AMQP_1_0) ? " over AMQP 1.0" : "",
				Boolean.FALSE.equals(routed) ? " (no queue took it: dropped)" : "");
		return new Published(protocol.id(), exchange, routingKey, messageId, true, routed);
	}

	private @Nullable Boolean overAmqp091(String exchange, String routingKey, Message message) {
		CorrelationData correlation = new CorrelationData(message.getMessageProperties().getMessageId());
		// The confirm is awaited on the channel that sent the message (a scoped operation): the channel
		// goes back to the cache with no confirm outstanding. A channel returned with one outstanding is
		// handed to a thread of the connection factory's executor that waits for it, a thread hop per
		// message (bench/RESULTS.md, "Cutting the service's own cost per request").
		CorrelationData.Confirm confirm = this.rabbitTemplate.invoke(operations -> {
			operations.send(exchange, routingKey, message, correlation);
			return PublishFailedException.await(correlation.getFuture(), this.confirmTimeout,
					PublishProperties.CONFIRM_TIMEOUT, "the message");
		});
		if (!confirm.ack()) {
			throw new PublishFailedException(notConfirmed(confirm.reason()));
		}
		Boolean routed = this.broker.publishesMandatory() ? correlation.getReturned() == null : null;
		if (Boolean.FALSE.equals(routed) && exchange.isEmpty()) {
			throw new PublishFailedException("No queue '" + routingKey + "' to take the message (returned unroutable)");
		}
		return routed;
	}

	/** To {@code /queues/{queue}} or {@code /exchanges/{exchange}/{key}}: RabbitMQ 4's addresses. */
	private Boolean overAmqp10(String exchange, String routingKey, Message message) {
		Publisher publisher = this.amqp10Template.getPublisher();
		com.rabbitmq.client.amqp.Message amqpMessage = publisher.message();
		RabbitAmqpUtils.toAmqpMessage(message, amqpMessage);
		if (exchange.isEmpty()) {
			amqpMessage.toAddress().queue(routingKey).message();
		}
		else {
			amqpMessage.toAddress().exchange(exchange).key(routingKey).message();
		}
		CompletableFuture<Publisher.Context> outcome = new CompletableFuture<>();
		publisher.publish(amqpMessage, outcome::complete);
		Publisher.Context settled = PublishFailedException.await(outcome, this.confirmTimeout,
				PublishProperties.CONFIRM_TIMEOUT, "the message");
		String to = exchange.isEmpty() ? "queue '" + routingKey + "'"
				: "exchange '" + exchange + "' with routing key '" + routingKey + "'";
		return switch (settled.status()) {
			case ACCEPTED -> true;
			case RELEASED -> throw new PublishFailedException("The broker released the message (AMQP 1.0 outcome "
					+ "RELEASED): no queue took it, sent to " + to);
			case REJECTED -> throw new PublishFailedException("The broker rejected the message (AMQP 1.0 outcome "
					+ "REJECTED), sent to " + to + ": " + reason(settled));
		};
	}

	private static String reason(Publisher.Context settled) {
		Throwable cause = settled.failureCause();
		return (cause != null && cause.getMessage() != null) ? cause.getMessage() : "it gave no reason";
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

	private void timed(Protocol protocol, String exchange, String outcome, long startedNanos) {
		this.publishTimer
			.withTags("protocol", protocol.id(), "exchange", exchange.isEmpty() ? "amq.default" : exchange, "outcome",
					outcome)
			.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
	}

}
