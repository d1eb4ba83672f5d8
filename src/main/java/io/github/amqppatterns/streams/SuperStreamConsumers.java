package io.github.amqppatterns.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.stream.Environment;
import io.github.amqppatterns.deliveries.DeliveryLog;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.rabbit.stream.listener.StreamListenerContainer;
import org.springframework.stereotype.Component;

/**
 * This instance's consumers of the super stream's group {@value #GROUP}: {@code consumers} stream
 * listener containers, each a single active consumer of every partition
 * ({@code superStream(invoices, invoice-processor, 1)}), tracking its offsets by hand
 * ({@link SuperStreamListener}, through the consumer customizer). Their number is a setting, so
 * they are made here rather than declared one bean each; none where the broker has no super
 * streams. One container per consumer, so that each has a name in the log and on the page.
 */
@Component
class SuperStreamConsumers implements SmartLifecycle {

	static final String GROUP = "invoice-processor";

	private final Map<SuperStreamListener, StreamListenerContainer> containers = new LinkedHashMap<>();

	private final StreamsAvailability availability;

	private final StreamsProperties properties;

	private volatile boolean running;

	SuperStreamConsumers(StreamsAvailability availability, StreamsProperties properties, DeliveryLog deliveryLog,
			Environment environment, RabbitProperties rabbitProperties, ApplicationContext context) {
		this.availability = availability;
		this.properties = properties;
		for (int i = 1; availability.superStreamAvailable() && i <= properties.superStream().consumers(); i++) {
			SuperStreamListener listener = new SuperStreamListener(GROUP + "-" + i, deliveryLog);
			StreamListenerContainer container = new StreamListenerContainer(environment);
			container.setListenerId(listener.consumer());
			container.setApplicationContext(context);
			container.setObservationEnabled(rabbitProperties.getListener().getStream().isObservationEnabled());
			container.superStream(StreamsTopology.SUPER_STREAM, GROUP, 1);
			container.setConsumerCustomizer(
					(id, builder) -> builder.manualTrackingStrategy().builder().consumerUpdateListener(listener));
			container.setupMessageListener(listener);
			container.afterPropertiesSet();
			this.containers.put(listener, container);
		}
	}

	@Override
	public void start() {
		this.containers.values().forEach(StreamListenerContainer::start);
		this.running = true;
	}

	/** Each consumer stores the last offsets it processed, then closes: the next active one goes on after them. */
	@Override
	public void stop() {
		this.containers.forEach((listener, container) -> {
			listener.stopping();
			container.stop();
		});
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** The super stream, and which of this instance's consumers is active on each partition. */
	SuperStreamStatus status() {
		List<SuperStreamStatus.Partition> partitions = new ArrayList<>();
		for (String partition : this.properties.superStream().partitionNames()) {
			String activeHere = null;
			Long resumedAt = null;
			for (SuperStreamListener listener : this.containers.keySet()) {
				Map<String, @Nullable Long> activeOn = listener.activeOn();
				if (activeOn.containsKey(partition)) {
					activeHere = listener.consumer();
					resumedAt = activeOn.get(partition);
				}
			}
			partitions.add(new SuperStreamStatus.Partition(partition, activeHere, resumedAt));
		}
		return new SuperStreamStatus(StreamsTopology.SUPER_STREAM, this.availability.superStreamAvailable(),
				this.availability.superStreamUnavailable(), GROUP, partitions);
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
