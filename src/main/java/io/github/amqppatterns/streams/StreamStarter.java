package io.github.amqppatterns.streams;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.amqppatterns.broker.BrokerInUse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.listener.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.rabbit.stream.listener.StreamListenerContainer;
import org.springframework.rabbit.stream.support.StreamAdmin;
import org.springframework.stereotype.Component;

/**
 * Declares the streams and starts the stream listener once the broker's stream protocol answers,
 * trying again every {@code amqp-patterns.streams.start-retry-interval} until it does, on a thread of
 * its own. Left to the context, a stream declaration or listener that cannot connect fails the
 * whole start, the AMQP listeners with it; a broker without the {@code rabbitmq_stream} plugin is
 * a broker the rest of the service works with. The embedded broker has no streams: there it never
 * tries.
 */
@Component
class StreamStarter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(StreamStarter.class);

	static final String EMBEDDED = "The embedded broker has no streams: configure a RabbitMQ with the "
			+ "rabbitmq_stream plugin (spring.rabbitmq.host, spring.rabbitmq.stream.port)";

	private final ObjectProvider<StreamAdmin> declarations;

	private final RabbitListenerEndpointRegistry listeners;

	private final BrokerInUse broker;

	private final long retryMillis;

	private volatile boolean started;

	private volatile String unavailable = "The streams are being declared";

	private @Nullable ScheduledExecutorService attempts;

	StreamStarter(ObjectProvider<StreamAdmin> declarations, RabbitListenerEndpointRegistry listeners,
			BrokerInUse broker, StreamsProperties properties) {
		this.declarations = declarations;
		this.listeners = listeners;
		this.broker = broker;
		this.retryMillis = properties.startRetryInterval().toMillis();
	}

	/** Whether the streams are declared and the stream listener runs. */
	boolean started() {
		return this.started;
	}

	/** Why the streams cannot be used, while they cannot. */
	String unavailable() {
		return this.unavailable;
	}

	/** Throws a {@link StreamsUnavailableException} that says why, unless the streams are ready. */
	void requireStarted() {
		if (!this.started) {
			throw new StreamsUnavailableException(this.unavailable);
		}
	}

	@Override
	public void start() {
		if (this.broker.isEmbedded()) {
			this.unavailable = EMBEDDED;
			return;
		}
		ScheduledExecutorService attempts = Executors
			.newSingleThreadScheduledExecutor((task) -> new Thread(task, "stream-starter"));
		attempts.scheduleWithFixedDelay(this::attempt, 0, this.retryMillis, TimeUnit.MILLISECONDS);
		this.attempts = attempts;
	}

	private void attempt() {
		try {
			this.declarations.orderedStream().filter((declaration) -> !declaration.isRunning()).forEach(StreamAdmin::start);
			this.listeners.getListenerContainers()
				.stream()
				.filter(StreamListenerContainer.class::isInstance)
				.filter((container) -> !container.isRunning())
				.forEach(MessageListenerContainer::start);
			this.started = true;
			logger.info("Streams declared, stream listener started");
			ScheduledExecutorService attempts = this.attempts;
			if (attempts != null) {
				attempts.shutdown();
			}
		}
		catch (RuntimeException ex) {
			this.unavailable = "The broker's stream protocol does not answer (" + ex.getMessage()
					+ "): streams need RabbitMQ with the rabbitmq_stream plugin";
			logger.warn("Streams unavailable, trying again in {} ms: {}", this.retryMillis, ex.toString());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService attempts = this.attempts;
		if (attempts != null) {
			attempts.shutdownNow();
		}
		this.attempts = null;
	}

	@Override
	public boolean isRunning() {
		return this.attempts != null;
	}

}
