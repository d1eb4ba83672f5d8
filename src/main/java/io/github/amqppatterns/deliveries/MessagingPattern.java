package io.github.amqppatterns.deliveries;

import com.fasterxml.jackson.annotation.JsonValue;

/** The patterns whose consumers record their deliveries, by the name the API uses. */
public enum MessagingPattern {

	HELLO("hello"), WORK_QUEUES("workqueues"), PUBSUB("pubsub"), ROUTING("routing"), TOPICS("topics"),
	HEADERS("headers"), RPC("rpc"), STREAMS("streams");

	private final String id;

	MessagingPattern(String id) {
		this.id = id;
	}

	@JsonValue
	public String id() {
		return this.id;
	}

}
