package io.github.amqppatterns.streams;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;
import io.github.amqppatterns.broker.BrokerInUse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.rabbit.stream.listener.StreamListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Declares the tutorials' streams and starts tutorial 1's receiver, then the super stream's
 * consumers ({@link SuperStreamConsumers}), once the broker's stream protocol answers, trying again
 * every {@code amqp-patterns.streams.start-retry-interval} until it does, on a thread of its own;
 * stops them with the context.
 * <p>
 * Why not the usual beans: a {@code StreamAdmin} and a stream {@code @RabbitListener}'s container
 * that cannot connect fail the context's start, the AMQP listeners with it, and Spring AMQP's
 * listener registry starts every container it holds when the context starts again
 * ({@code context.start()}), whatever its {@code autoStartup}. A broker without the
 * {@code rabbitmq_stream} plugin is a broker the rest of the service works with. The embedded
 * broker has no streams: there it never tries.
 * <p>
 * A stream is declared only where it does not exist yet, as the official Java tutorial declares it
 * (retention in the client's units, the leader locator of {@code amqp-patterns.streams.leader-locator}),
 * so a stream the tutorial's programs declared first is taken as it is, and they accept one the
 * service declared.
 */
@Component
class StreamStarter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(StreamStarter.class);

	static final String EMBEDDED = "The embedded broker has no streams: configure a RabbitMQ with the "
			+ "rabbitmq_stream plugin (spring.rabbitmq.host, spring.rabbitmq.stream.port)";

	private final Environment environment;

	private final StreamListenerContainers containers;

	private final HelloStreamListener helloListener;

	private final SuperStreamConsumers superStream;

	private final BrokerInUse broker;

	private final StreamsProperties properties;

	private volatile boolean started;

	private volatile String unavailable = "The streams are being declared";

	private @Nullable ScheduledExecutorService attempts;

	private @Nullable StreamListenerContainer helloReceiver;

	StreamStarter(Environment environment, StreamListenerContainers containers, HelloStreamListener helloListener,
			SuperStreamConsumers superStream, BrokerInUse broker, StreamsProperties properties) {
		this.environment = environment;
		this.containers = containers;
		this.helloListener = helloListener;
		this.superStream = superStream;
		this.broker = broker;
		this.properties = properties;
	}

	/** Whether the streams are declared and tutorial 1's receiver runs. */
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

	/** As {@link #requireStarted()}, and the super stream's consumers must run too. */
	void requireSuperStream() {
		requireStarted();
		this.superStream.requireStarted();
	}

	/** The super stream; while no stream can be used at all, unavailable for that reason. */
	SuperStreamConsumers.SuperStreamStatus superStreamStatus() {
		return this.superStream.status(this.started ? null : this.unavailable);
	}

	@Override
	public synchronized void start() {
		if (this.broker.isEmbedded()) {
			this.unavailable = EMBEDDED;
			return;
		}
		ScheduledExecutorService attempts = Executors
			.newSingleThreadScheduledExecutor((task) -> new Thread(task, "stream-starter"));
		attempts.scheduleWithFixedDelay(this::attempt, 0, this.properties.startRetryInterval().toMillis(),
				TimeUnit.MILLISECONDS);
		this.attempts = attempts;
	}

	private synchronized void attempt() {
		try {
			if (!this.started) {
				startStreams();
			}
			this.superStream.start();
			ScheduledExecutorService attempts = this.attempts;
			if (attempts != null) {
				attempts.shutdown();
			}
		}
		catch (RuntimeException ex) {
			if (!this.started) {
				this.unavailable = "The broker's stream protocol does not answer (" + ex.getMessage()
						+ "): streams need RabbitMQ with the rabbitmq_stream plugin";
			}
			logger.warn("{}, trying again in {}: {}", this.started ? "Super stream not started" : "Streams unavailable",
					this.properties.startRetryInterval(), ex.toString());
		}
	}

	private void startStreams() {
		for (StreamsProperties.Stream stream : List.of(this.properties.hello(), this.properties.offsetTracking())) {
			declare(stream);
		}
		StreamListenerContainer receiver = this.containers.create(HelloStreamListener.CONSUMER);
		receiver.setQueueNames(this.properties.hello().name());
		receiver.setConsumerCustomizer((id, builder) -> builder.offset(OffsetSpecification.first()));
		receiver.setupMessageListener(this.helloListener);
		receiver.afterPropertiesSet();
		receiver.start();
		this.helloReceiver = receiver;
		this.started = true;
		logger.info("Streams declared, {} started", HelloStreamListener.CONSUMER);
	}

	private void declare(StreamsProperties.Stream stream) {
		if (!this.environment.streamExists(stream.name())) {
			this.environment.streamCreator()
				.stream(stream.name())
				.maxLengthBytes(stream.retention())
				.argument("queue-leader-locator", this.properties.leaderLocator())
				.create();
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService attempts = this.attempts;
		if (attempts != null) {
			attempts.shutdownNow();
		}
		this.attempts = null;
		this.superStream.stop();
		StreamListenerContainer receiver = this.helloReceiver;
		if (receiver != null) {
			receiver.stop();
		}
		this.helloReceiver = null;
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.attempts != null;
	}

}
