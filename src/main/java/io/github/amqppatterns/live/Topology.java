package io.github.amqppatterns.live;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The service's declared topology, one group per pattern package that declared it, and the
 * streams, which are no Spring AMQP declarations and so are told by their package
 * ({@link StreamsDescription}).
 *
 * @param streams none where no package describes streams
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Topology(List<Group> groups, @Nullable Streams streams) {

	/**
	 * @param bindings a queue no binding names gets the default exchange's implicit one, keyed by its name
	 * @param deadLetters where this group's consumers publish what they give up on
	 */
	public record Group(String id, List<ExchangeInfo> exchanges, List<QueueInfo> queues, List<BindingInfo> bindings,
			List<DeadLetterRoute> deadLetters) {
	}

	/**
	 * The consumers of {@code queue} publish the messages they give up on to {@code exchange}
	 * themselves (the broker's own dead-lettering would need the queue to name the exchange): the
	 * pattern declares it as a bean beside its queues, and the page draws it as an edge from those
	 * consumers.
	 */
	public record DeadLetterRoute(String queue, String exchange) {
	}

	public record ExchangeInfo(String name, String type, boolean durable) {
	}

	/**
	 * @param messages ready in it, when the broker could be asked
	 * @param consumers ids of this service's listener containers that consume it
	 * @param leader the node that leads a quorum queue, where the broker says it (RabbitMQ 4's AMQP 1.0
	 * management)
	 * @param members the nodes that hold a replica of a quorum queue, likewise
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record QueueInfo(String name, String type, boolean durable, boolean exclusive, @Nullable Long messages,
			@Nullable Integer brokerConsumers, List<String> consumers, @Nullable String leader,
			@Nullable List<String> members) {
	}

	public record BindingInfo(String exchange, String queue, String key, Map<String, Object> arguments) {
	}

	/**
	 * The streams of the stream tutorials and the super stream.
	 *
	 * @param unavailable why this instance has no streams, if it has none
	 * @param superStream none where streams are unavailable
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Streams(boolean available, @Nullable String unavailable, List<StreamInfo> streams,
			@Nullable SuperStream superStream) {
	}

	/**
	 * A stream, or a partition of the super stream.
	 *
	 * @param messages in it, when the broker could be asked
	 * @param consumers this service's consumers of it (a partition: the one of the group active on it
	 * here, none when another instance's is)
	 * @param leader the node that leads it, where the broker says it, as for a quorum queue
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record StreamInfo(String name, @Nullable Long messages, List<String> consumers, @Nullable String leader,
			@Nullable List<String> members) {

		public StreamInfo(String name, List<String> consumers) {
			this(name, null, consumers, null, null);
		}

	}

	/**
	 * The super stream: an exchange that routes each message by its key to one partition, a stream
	 * each, consumed by a group of single active consumers.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record SuperStream(String name, boolean available, @Nullable String unavailable, String consumerGroup,
			List<StreamInfo> partitions) {
	}

}
