package io.github.amqppatterns.deliveries;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The patterns whose consumers record their deliveries, by the name the API uses.
 */
public enum MessagingPattern {

	HELLO("hello"), WORK_QUEUES("workqueues"), PUBSUB("pubsub"), ROUTING("routing"), TOPICS("topics"),
	HEADERS("headers"), RPC("rpc");

	private final String id;

	MessagingPattern(String id) {
		this.id = id;
	}

	@JsonValue
	public String id() {
		return this.id;
	}

	static Optional<MessagingPattern> fromId(String id) {
		return Arrays.stream(values()).filter((pattern) -> pattern.id.equals(id)).findFirst();
	}

	static String ids() {
		return String.join(", ", Arrays.stream(values()).map(MessagingPattern::id).toList());
	}

}
