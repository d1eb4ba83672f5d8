package io.github.amqppatterns.streams;

import java.util.List;

import io.github.amqppatterns.live.StreamsDescription;
import io.github.amqppatterns.live.Topology;

import org.springframework.stereotype.Component;

/**
 * The streams on the page's topology: the tutorials' two, each with the consumer that reads it, and
 * the super stream's partitions, each with the consumer of the group active on it here.
 */
@Component
class StreamsOnTheTopology implements StreamsDescription {

	private final StreamsAvailability availability;

	private final SuperStreamConsumers superStreamConsumers;

	StreamsOnTheTopology(StreamsAvailability availability, SuperStreamConsumers superStreamConsumers) {
		this.availability = availability;
		this.superStreamConsumers = superStreamConsumers;
	}

	@Override
	public Topology.Streams describe() {
		if (!this.availability.available()) {
			return new Topology.Streams(false, this.availability.unavailable(), List.of(), null);
		}
		SuperStreamConsumers.SuperStreamStatus status = this.superStreamConsumers.status();
		List<Topology.StreamInfo> partitions = status.partitions()
			.stream()
			.map((partition) -> new Topology.StreamInfo(partition.name(),
					(partition.activeHere() != null) ? List.of(partition.activeHere()) : List.of()))
			.toList();
		return new Topology.Streams(true, null,
				List.of(new Topology.StreamInfo(StreamsTopology.HELLO, List.of(HelloStreamListener.CONSUMER)),
						new Topology.StreamInfo(StreamsTopology.OFFSET_TRACKING, List.of(OffsetTrackingRuns.CONSUMER))),
				new Topology.SuperStream(status.name(), status.available(), status.unavailable(), status.consumerGroup(),
						partitions));
	}

}
