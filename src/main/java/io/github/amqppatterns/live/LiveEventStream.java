package io.github.amqppatterns.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.amqppatterns.broker.LiveEvent;
import io.github.amqppatterns.broker.LiveEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Keeps each {@link LiveEvent} in its message's journey, and fans it out to the pages that follow:
 * each client gets a bounded buffer that drops its oldest when full, written out by a few sender
 * threads, so no publisher or consumer waits for a page. What waits in the buffers, and what they
 * dropped, are metrics: {@code amqp.patterns.live.buffered} and {@code amqp.patterns.live.dropped}.
 */
@Component
class LiveEventStream implements LiveEvents, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LiveEventStream.class);

	private final LiveProperties properties;

	private final MessageJourneys journeys;

	private final Set<Client> clients = ConcurrentHashMap.newKeySet();

	private final AtomicLong ids = new AtomicLong();

	private final ExecutorService senders;

	private final Counter dropped;

	LiveEventStream(LiveProperties properties, MessageJourneys journeys, MeterRegistry meterRegistry) {
		this.properties = properties;
		this.journeys = journeys;
		Gauge.builder("amqp.patterns.live.buffered", this, LiveEventStream::buffered)
			.description("Events waiting to be sent to the pages that follow, at most buffer-per-client each")
			.register(meterRegistry);
		this.dropped = Counter.builder("amqp.patterns.live.dropped")
			.description("Events a page did not get: it read slower than they came, and its buffer was full")
			.register(meterRegistry);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("live-events-");
		threads.setDaemon(true);
		this.senders = Executors.newFixedThreadPool(4, threads);
	}

	SseEmitter subscribe() {
		if (this.clients.size() >= this.properties.maxClients()) {
			throw new TooManyClientsException(this.properties.maxClients());
		}
		SseEmitter emitter = new SseEmitter(0L);
		try {
			// commits the response at once, so the client knows it is connected before any event
			emitter.send(SseEmitter.event().comment("amqp-patterns live events").reconnectTime(2000));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not open the event stream", ex);
		}
		Client client = new Client(emitter);
		this.clients.add(client);
		emitter.onCompletion(() -> this.clients.remove(client));
		emitter.onTimeout(() -> this.clients.remove(client));
		emitter.onError((ex) -> this.clients.remove(client));
		return emitter;
	}

	int clients() {
		return this.clients.size();
	}

	private int buffered() {
		return this.clients.stream().mapToInt(Client::buffered).sum();
	}

	@Override
	public void publish(Supplier<LiveEvent> supplier) {
		if (this.clients.isEmpty() && !this.journeys.keeping()) {
			return;
		}
		LiveEvent event = supplier.get();
		this.journeys.record(event);
		long id = this.ids.incrementAndGet();
		for (Client client : this.clients) {
			if (client.offer(id, event)) {
				this.senders.execute(client::drain);
			}
		}
	}

	/** Before the web server's graceful shutdown, which an open page would hold for its whole grace period. */
	@EventListener(ContextClosedEvent.class)
	void endStreams() {
		this.clients.forEach((client) -> client.emitter.complete());
	}

	@Override
	public void destroy() {
		this.senders.shutdownNow();
	}

	private final class Client {

		private final SseEmitter emitter;

		private final Deque<SseEmitter.SseEventBuilder> buffer = new ArrayDeque<>();

		private boolean draining;

		private long dropped;

		Client(SseEmitter emitter) {
			this.emitter = emitter;
		}

		/** True when a sender must start for this client. */
		synchronized boolean offer(long id, LiveEvent event) {
			if (this.buffer.size() >= LiveEventStream.this.properties.bufferPerClient()) {
				this.buffer.removeFirst();
				this.dropped++;
				LiveEventStream.this.dropped.increment();
			}
			this.buffer.addLast(SseEmitter.event().id(Long.toString(id)).name(event.kind()).data(event,
					MediaType.APPLICATION_JSON));
			boolean start = !this.draining;
			this.draining = true;
			return start;
		}

		synchronized int buffered() {
			return this.buffer.size();
		}

		void drain() {
			while (true) {
				List<SseEmitter.SseEventBuilder> batch;
				synchronized (this) {
					if (this.buffer.isEmpty()) {
						this.draining = false;
						return;
					}
					batch = List.copyOf(this.buffer);
					this.buffer.clear();
				}
				try {
					for (SseEmitter.SseEventBuilder event : batch) {
						this.emitter.send(event);
					}
				}
				catch (IOException | IllegalStateException ex) {
					logger.debug("A live events client went away ({} events dropped for it before)", this.dropped);
					LiveEventStream.this.clients.remove(this);
					synchronized (this) {
						this.buffer.clear();
						this.draining = false;
					}
					return;
				}
			}
		}

	}

	static final class TooManyClientsException extends RuntimeException {

		TooManyClientsException(int max) {
			super(max + " clients already follow the live events (amqp-patterns.live.max-clients); try again later");
		}

	}

}
