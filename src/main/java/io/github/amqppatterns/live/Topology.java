package io.github.amqppatterns.live;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The service's declared topology, grouped by the pattern whose package declared it.
 *
 * @param groups one per pattern
 */
record Topology(List<Group> groups) {

	/**
	 * @param id the pattern's package name ({@code hello}, {@code workqueues}, …)
	 * @param exchanges its exchanges
	 * @param queues its queues, with their depth and consumer count now
	 * @param bindings its bindings; a queue on the default exchange gets its implicit one
	 * (exchange {@code ""}, key = the queue's name)
	 */
	record Group(String id, List<ExchangeInfo> exchanges, List<QueueInfo> queues, List<BindingInfo> bindings) {
	}

	record ExchangeInfo(String name, String type, boolean durable) {
	}

	/**
	 * @param name the queue's name (for a server-named queue, the one the broker gave it)
	 * @param type {@code quorum} or {@code classic}
	 * @param messages messages ready in it, when the broker could be asked
	 * @param consumers listener containers of this service that consume it, by id
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QueueInfo(String name, String type, boolean durable, boolean exclusive, @Nullable Long messages,
			@Nullable Integer brokerConsumers, List<String> consumers) {
	}

	record BindingInfo(String exchange, String queue, String key, Map<String, Object> arguments) {
	}

}
