package io.github.amqppatterns.deliveries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.github.amqppatterns.broker.LiveEvent;
import io.github.amqppatterns.broker.LiveEvents;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.broker.Protocol;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

/** What the consumers received, bounded: the service's memory of who got what. */
@Component
public class DeliveryLog {

	private final DeliveriesProperties properties;

	private final LiveEvents live;

	/** Oldest first; the eldest is dropped past the capacity. */
	private final Map<Long, Delivery> deliveries;

	private long sequence;

	DeliveryLog(DeliveriesProperties properties, LiveEvents live) {
		this.properties = properties;
		this.live = live;
		this.deliveries = new LinkedHashMap<>() {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Long, Delivery> eldest) {
				return size() > properties.capacity();
			}
		};
	}

	public Delivery record(MessagingPattern pattern, String consumer, Message message) {
		MessageProperties props = message.getMessageProperties();
		return add((sequence) -> new Delivery(sequence, pattern, Protocol.of(props).id(), consumer,
				Objects.requireNonNullElse(props.getConsumerQueue(), ""),
				Objects.requireNonNullElse(props.getReceivedExchange(), ""),
				Objects.requireNonNullElse(props.getReceivedRoutingKey(), ""), props.getMessageId(),
				props.getContentType(), headers(props),
				PlainText.cut(PlainText.of(message), this.properties.maxBodyChars()),
				Boolean.TRUE.equals(props.getRedelivered()), Instant.now(), null, 1, null, null, null));
	}

	/** Each value cut as a body is; Spring's own {@code spring_}… correlation headers left out. */
	private Map<String, String> headers(MessageProperties props) {
		Map<String, String> headers = new TreeMap<>();
		props.getHeaders().forEach((name, value) -> {
			if (!name.startsWith("spring_")) {
				headers.put(name, PlainText.cut(String.valueOf(value), this.properties.maxBodyChars()));
			}
		});
		return headers;
	}

	/** A stream's message is published to no exchange, and is never redelivered, only read again. */
	public Delivery recordFromStream(MessagingPattern pattern, String consumer, String stream,
			@Nullable String messageId, String body, long offset) {
		return add((sequence) -> new Delivery(sequence, pattern, null, consumer, stream, "", "", messageId, null,
				Map.of(), PlainText.cut(body, this.properties.maxBodyChars()), false, Instant.now(), null, 1, null,
				null, offset));
	}

	private Delivery add(LongFunction<Delivery> numbered) {
		Delivery delivery;
		synchronized (this.deliveries) {
			delivery = numbered.apply(++this.sequence);
			this.deliveries.put(delivery.sequence(), delivery);
		}
		this.live.publish(() -> event("delivered", delivery, null));
		return delivery;
	}

	public void acked(Delivery delivery) {
		update(delivery, (kept) -> kept.with(Instant.now(), kept.attempts(), kept.failure(), kept.deadLetteredAt()));
		this.live.publish(() -> event("acked", delivery, null));
	}

	public void retrying(Delivery delivery, int attempt) {
		update(delivery, (kept) -> kept.with(kept.ackedAt(), attempt, kept.failure(), kept.deadLetteredAt()));
	}

	public void failed(Delivery delivery, int attempt, String reason) {
		update(delivery, (kept) -> kept.with(kept.ackedAt(), attempt, reason, kept.deadLetteredAt()));
		this.live.publish(() -> event("failed", delivery, reason));
	}

	public void deadLettered(Delivery delivery, String queue) {
		update(delivery, (kept) -> kept.with(kept.ackedAt(), kept.attempts(), kept.failure(), Instant.now()));
		this.live.publish(() -> event("dead-lettered", delivery, "to " + queue));
	}

	private void update(Delivery delivery, UnaryOperator<Delivery> change) {
		synchronized (this.deliveries) {
			this.deliveries.computeIfPresent(delivery.sequence(), (seq, kept) -> change.apply(kept));
		}
	}

	private static LiveEvent event(String kind, Delivery delivery, @Nullable String detail) {
		return LiveEvent.delivered(kind, delivery.protocol(), delivery.pattern().id(), delivery.consumer(),
				delivery.queue(), delivery.exchange(), delivery.routingKey(), delivery.messageId(), delivery.body(),
				delivery.redelivered(), detail, delivery.traceId());
	}

	public List<Delivery> newest(Predicate<Delivery> filter, int limit) {
		List<Delivery> snapshot;
		synchronized (this.deliveries) {
			snapshot = new ArrayList<>(this.deliveries.values());
		}
		Collections.reverse(snapshot);
		return snapshot.stream().filter(filter).limit(limit).toList();
	}

}
