package io.github.amqppatterns.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.Message;
import io.github.amqppatterns.deliveries.DeliveryLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.rabbit.stream.listener.StreamListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The super stream ({@code amqp-patterns.streams.super-stream}) and this instance's consumers of
 * its group: {@code consumers} Spring {@link StreamListenerContainer}s, each a single active
 * consumer of every partition ({@code superStream(name, group, 1)}), with the offset tracking of
 * {@link SuperStreamListener}. Started by {@link StreamStarter} once the stream protocol answers.
 * <p>
 * The super stream is declared where its partitions do not exist yet, through the stream protocol,
 * which RabbitMQ takes from 3.13 on (single active consumers from 3.11, so a super stream made by
 * hand with {@code rabbitmq-streams add_super_stream} works on 3.11 and 3.12). On an older broker
 * the super stream stays unavailable, saying why, and the other streams work as before.
 */
@Component
class SuperStreamConsumers {

	/** The application property a message is routed on to its partition. */
	static final String PARTITION_KEY = "partition-key";

	private static final Logger logger = LoggerFactory.getLogger(SuperStreamConsumers.class);

	private final Environment environment;

	private final StreamListenerContainers containerFactory;

	private final DeliveryLog deliveryLog;

	private final StreamsProperties.SuperStream superStream;

	private final String leaderLocator;

	private final List<SuperStreamListener> listeners = new ArrayList<>();

	private final List<StreamListenerContainer> containers = new ArrayList<>();

	private volatile boolean started;

	private volatile @Nullable String unsupported;

	SuperStreamConsumers(Environment environment, StreamListenerContainers containerFactory, DeliveryLog deliveryLog,
			StreamsProperties properties) {
		this.environment = environment;
		this.containerFactory = containerFactory;
		this.deliveryLog = deliveryLog;
		this.superStream = properties.superStream();
		this.leaderLocator = properties.leaderLocator();
	}

	/** The key a message was routed on, for the super stream's template. */
	static String partitionKey(Message message) {
		Object key = (message.getApplicationProperties() != null)
				? message.getApplicationProperties().get(PARTITION_KEY) : null;
		return (key != null) ? key.toString() : "";
	}

	/**
	 * Declares the super stream where needed and starts the consumers; on a broker without super
	 * streams, leaves them off for good. Any other failure is thrown, to be tried again.
	 */
	synchronized void start() {
		if (this.started || this.unsupported != null) {
			return;
		}
		try {
			declare();
		}
		catch (RuntimeException ex) {
			UnsupportedOperationException unsupported = unsupported(ex);
			if (unsupported == null) {
				throw ex;
			}
			this.unsupported = "This broker cannot declare the super stream '" + this.superStream.name() + "' ("
					+ unsupported.getMessage() + "): super streams need RabbitMQ 3.13 or later, or one made with "
					+ "'rabbitmq-streams add_super_stream' on 3.11 or later";
			logger.warn(this.unsupported);
			return;
		}
		for (int i = 1; i <= this.superStream.consumers(); i++) {
			SuperStreamListener listener = new SuperStreamListener(this.superStream.consumerName() + "-" + i,
					this.deliveryLog);
			StreamListenerContainer container = this.containerFactory.create(listener.consumer());
			container.superStream(this.superStream.name(), this.superStream.consumerName(), 1);
			container.setConsumerCustomizer(
					(id, builder) -> builder.manualTrackingStrategy().builder().consumerUpdateListener(listener));
			container.setupMessageListener(listener);
			container.afterPropertiesSet();
			container.start();
			this.listeners.add(listener);
			this.containers.add(container);
		}
		this.started = true;
		logger.info("Super stream '{}' ({} partitions): {} consumers of the group '{}' started",
				this.superStream.name(), this.superStream.partitions(), this.superStream.consumers(),
				this.superStream.consumerName());
	}

	private void declare() {
		if (this.superStream.partitionNames().stream().allMatch(this.environment::streamExists)) {
			return;
		}
		this.environment.streamCreator()
			.name(this.superStream.name())
			.superStream()
			.partitions(this.superStream.partitions())
			.creator()
			.maxLengthBytes(this.superStream.retention())
			.argument("queue-leader-locator", this.leaderLocator)
			.create();
	}

	/** The client's refusal of a command the broker does not have, where it is what failed. */
	private static @Nullable UnsupportedOperationException unsupported(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnsupportedOperationException unsupported) {
				return unsupported;
			}
		}
		return null;
	}

	/** Stores each consumer's last processed offsets, then closes the consumers. */
	synchronized void stop() {
		this.listeners.forEach(SuperStreamListener::stopping);
		this.containers.forEach(StreamListenerContainer::stop);
		this.listeners.clear();
		this.containers.clear();
		this.started = false;
	}

	/**
	 * Throws a {@link StreamsUnavailableException} that says why, unless the consumers run (which
	 * they do only where the other streams work).
	 */
	void requireStarted() {
		if (!this.started) {
			throw new StreamsUnavailableException(unavailable());
		}
	}

	private String unavailable() {
		String unsupported = this.unsupported;
		return (unsupported != null) ? unsupported : "The super stream '" + this.superStream.name() + "' is not declared yet";
	}

	/**
	 * The super stream, and which of this instance's consumers is active on each partition.
	 *
	 * @param streamsUnavailable why the broker's streams cannot be used at all, while they cannot
	 */
	synchronized SuperStreamStatus status(@Nullable String streamsUnavailable) {
		List<SuperStreamStatus.Partition> partitions = new ArrayList<>();
		for (String partition : this.superStream.partitionNames()) {
			String activeHere = null;
			Long resumedAt = null;
			for (SuperStreamListener listener : this.listeners) {
				Map<String, @Nullable Long> activeOn = listener.activeOn();
				if (activeOn.containsKey(partition)) {
					activeHere = listener.consumer();
					resumedAt = activeOn.get(partition);
				}
			}
			partitions.add(new SuperStreamStatus.Partition(partition, activeHere, resumedAt));
		}
		String unavailable = (streamsUnavailable != null) ? streamsUnavailable : unavailable();
		return new SuperStreamStatus(this.superStream.name(), this.started, this.started ? null : unavailable,
				this.superStream.consumerName(), partitions);
	}

	/**
	 * The super stream as this instance sees it.
	 *
	 * @param name its name
	 * @param available whether it is declared and this instance's consumers run
	 * @param unavailable why not, while not
	 * @param consumerGroup the name its consumers share, under which each partition's offset is stored
	 * @param partitions its partitions
	 */
	record SuperStreamStatus(String name, boolean available, @Nullable String unavailable, String consumerGroup,
			List<Partition> partitions) {

		/**
		 * A partition.
		 *
		 * @param name its stream
		 * @param activeHere the consumer of this instance that is active on it; none when another
		 * instance's is
		 * @param resumedAt the offset that consumer started at, after the one stored by the consumer
		 * before it; none when it started from the first message
		 */
		record Partition(String name, @Nullable String activeHere, @Nullable Long resumedAt) {
		}

	}

}
