package io.github.amqppatterns.streams;

import java.util.HashMap;
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
 * This instance's consumers of the super stream's group {@value #GROUP}: a stream listener
 * container each, single active consumer of every partition ({@code superStream(...)}), tracking
 * offsets by hand through the consumer customizer. Their number is a setting, so they are made here
 * rather than one bean each; none where the broker has no super streams.
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

	/** Each stores the last offsets it processed before it closes, for the consumers that take over. */
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

	SuperStreamStatus status() {
		Map<String, SuperStreamStatus.Partition> activeHere = new HashMap<>();
		this.containers.keySet()
			.forEach((listener) -> listener.activeOn()
				.forEach((partition, resumedAt) -> activeHere.put(partition,
						new SuperStreamStatus.Partition(partition, listener.consumer(), resumedAt))));
		List<SuperStreamStatus.Partition> partitions = this.properties.superStream()
			.partitionNames()
			.stream()
			.map((partition) -> activeHere.getOrDefault(partition, new SuperStreamStatus.Partition(partition, null, null)))
			.toList();
		return new SuperStreamStatus(StreamsTopology.SUPER_STREAM, this.availability.superStreamAvailable(),
				this.availability.superStreamUnavailable(), GROUP, partitions);
	}

	/** The super stream as this instance sees it, and why it cannot be used, if it cannot. */
	record SuperStreamStatus(String name, boolean available, @Nullable String unavailable, String consumerGroup,
			List<Partition> partitions) {

		/**
		 * A partition: the consumer of this instance active on it (none: another instance's), and
		 * the offset it resumed at, after the one its predecessor stored (none: from the first).
		 */
		record Partition(String name, @Nullable String activeHere, @Nullable Long resumedAt) {
		}

	}

}
