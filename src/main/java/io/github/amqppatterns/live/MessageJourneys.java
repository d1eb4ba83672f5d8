package io.github.amqppatterns.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.amqppatterns.broker.LiveEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The journeys of the last {@code amqp-patterns.live.journeys} messages, told by the same
 * {@link LiveEvent}s the page gets, so that the two never disagree. A message is forgotten when
 * more than that many newer ones were seen, however recent its own last step.
 */
@Component
class MessageJourneys {

	/** A message replayed over and over stops growing here. */
	static final int MAX_STEPS = 100;

	/** How far each kind takes a message: the furthest since its last publish is its outcome. */
	private static final List<String> PROGRESS = List.of("published", "rpc-request", "confirmed", "delivered",
			"failed", "acked", "dead-lettered", "publish-failed", "rpc-timeout", "rpc-reply");

	private final int capacity;

	/** By message id, the one seen first first. */
	private final Map<String, Recorded> journeys;

	MessageJourneys(LiveProperties properties, MeterRegistry meterRegistry) {
		this.capacity = properties.journeys();
		this.journeys = new LinkedHashMap<>() {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
				return size() > MessageJourneys.this.capacity;
			}
		};
		Gauge.builder("amqp.patterns.live.journeys", this, MessageJourneys::size)
			.description("Messages whose journey is kept, at most amqp-patterns.live.journeys")
			.register(meterRegistry);
	}

	private int size() {
		synchronized (this.journeys) {
			return this.journeys.size();
		}
	}

	boolean keeping() {
		return this.capacity > 0;
	}

	void record(LiveEvent event) {
		String messageId = event.messageId();
		if (messageId == null || !keeping()) {
			return;
		}
		synchronized (this.journeys) {
			Recorded recorded = this.journeys.computeIfAbsent(messageId, (id) -> new Recorded());
			if (recorded.events.size() < MAX_STEPS) {
				recorded.events.add(event);
			}
			else {
				recorded.leftOut++;
			}
		}
	}

	Optional<Journey> journey(String messageId) {
		List<LiveEvent> events;
		int leftOut;
		synchronized (this.journeys) {
			Recorded recorded = this.journeys.get(messageId);
			if (recorded == null) {
				return Optional.empty();
			}
			events = List.copyOf(recorded.events);
			leftOut = recorded.leftOut;
		}
		return Optional.of(tell(messageId, events, leftOut));
	}

	private static Journey tell(String messageId, List<LiveEvent> events, int leftOut) {
		List<LiveEvent> ordered = new ArrayList<>(events);
		// each event is timed where it happened; a consumer's may be recorded before the confirm it follows
		ordered.sort((a, b) -> a.at().compareTo(b.at()));
		LiveEvent first = ordered.get(0);
		LiveEvent published = ordered.stream().filter(MessageJourneys::isPublish).findFirst().orElse(null);
		LiveEvent origin = (published != null) ? published : first;
		// a publish does not know its pattern; its deliveries do
		String pattern = ordered.stream().map(LiveEvent::pattern).filter(Objects::nonNull).findFirst().orElse(null);
		Set<String> queues = new LinkedHashSet<>();
		Set<String> consumers = new LinkedHashSet<>();
		List<Journey.Step> steps = new ArrayList<>();
		int failed = 0;
		String reply = null;
		String traceId = null;
		LiveEvent furthest = first;
		for (LiveEvent event : ordered) {
			if ("delivered".equals(event.kind()) && event.queue() != null && event.consumer() != null) {
				queues.add(event.queue());
				consumers.add(event.consumer());
			}
			if ("failed".equals(event.kind())) {
				failed++;
			}
			if ("rpc-reply".equals(event.kind())) {
				reply = event.body();
			}
			if (traceId == null) {
				traceId = event.traceId();
			}
			if (isPublish(event) || PROGRESS.indexOf(event.kind()) >= PROGRESS.indexOf(furthest.kind())) {
				furthest = event;
			}
			steps.add(new Journey.Step(event.kind(), event.at(),
					Duration.between(first.at(), event.at()).toMillis(), event.protocol(), event.exchange(),
					event.routingKey(), event.queue(), event.consumer(), event.redelivered(), event.routed(),
					event.millis(), event.detail()));
		}
		return new Journey(messageId, pattern, origin.protocol(), origin.exchange(), origin.routingKey(),
				origin.body(), origin.headers(), (published != null) ? published.at() : null, outcome(furthest), List.copyOf(queues),
				List.copyOf(consumers), failed, reply, traceId, steps, leftOut);
	}

	private static boolean isPublish(LiveEvent event) {
		return "published".equals(event.kind()) || "rpc-request".equals(event.kind());
	}

	private static String outcome(LiveEvent furthest) {
		return ("confirmed".equals(furthest.kind()) && Boolean.FALSE.equals(furthest.routed())) ? "unrouted"
				: furthest.kind();
	}

	private static final class Recorded {

		private final List<LiveEvent> events = new ArrayList<>();

		private int leftOut;

	}

}
