package io.github.amqppatterns.live;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.amqppatterns.broker.LiveEvent;
import io.github.amqppatterns.broker.LiveEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans {@link LiveEvent}s out to the pages following {@code /api/events}. Receiving an event only
 * appends it to each client's bounded buffer (dropping that client's oldest when full); a small
 * pool of sender threads writes the buffers out. So the thread that published or consumed the
 * message never waits for a page, however slow or many.
 * <p>
 * On shutdown the streams end first, before the web server's graceful shutdown waits for active
 * requests: an open page would otherwise hold the service for the whole grace period. The page
 * reconnects by itself when the service is back.
 */
@Component
class LiveEventStream implements LiveEvents, SmartLifecycle, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LiveEventStream.class);

	private final LiveProperties properties;

	private final Set<Client> clients = ConcurrentHashMap.newKeySet();

	private final AtomicLong ids = new AtomicLong();

	private final ExecutorService senders;

	private volatile boolean running;

	LiveEventStream(LiveProperties properties) {
		this.properties = properties;
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "live-events-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * A new client.
	 * @throws TooManyClientsException when {@code amqp-patterns.live.max-clients} follow already
	 */
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

	@Override
	public void publish(Supplier<LiveEvent> supplier) {
		if (this.clients.isEmpty()) {
			return;
		}
		LiveEvent event = supplier.get();
		long id = this.ids.incrementAndGet();
		for (Client client : this.clients) {
			if (client.offer(id, event)) {
				this.senders.execute(client::drain);
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Ends every stream. The phase is the default one: stopped before the web server's graceful shutdown. */
	@Override
	public void stop() {
		this.running = false;
		this.clients.forEach((client) -> client.emitter.complete());
	}

	@Override
	public boolean isRunning() {
		return this.running;
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

		/** Buffers the event; true when a sender must be started for this client. */
		synchronized boolean offer(long id, LiveEvent event) {
			if (this.buffer.size() >= LiveEventStream.this.properties.bufferPerClient()) {
				this.buffer.removeFirst();
				this.dropped++;
			}
			this.buffer.addLast(SseEmitter.event().id(Long.toString(id)).name(event.kind()).data(event,
					MediaType.APPLICATION_JSON));
			if (this.draining) {
				return false;
			}
			this.draining = true;
			return true;
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
