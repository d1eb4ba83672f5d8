package io.github.amqppatterns.live;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** The service's declared topology, one group per pattern package that declared it. */
record Topology(List<Group> groups) {

	/** @param bindings a queue on the default exchange gets its implicit one */
	record Group(String id, List<ExchangeInfo> exchanges, List<QueueInfo> queues, List<BindingInfo> bindings) {
	}

	record ExchangeInfo(String name, String type, boolean durable) {
	}

	/**
	 * @param messages ready in it, when the broker could be asked
	 * @param consumers ids of this service's listener containers that consume it
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record QueueInfo(String name, String type, boolean durable, boolean exclusive, @Nullable Long messages,
			@Nullable Integer brokerConsumers, List<String> consumers) {
	}

	record BindingInfo(String exchange, String queue, String key, Map<String, Object> arguments) {
	}

}
