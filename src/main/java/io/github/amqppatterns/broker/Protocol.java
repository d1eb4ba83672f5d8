package io.github.amqppatterns.broker;

import io.github.amqppatterns.web.EnumIds;

import org.springframework.amqp.core.MessageProperties;

/**
 * The two protocols RabbitMQ 4 speaks to clients, as a request ({@code ?protocol=amqp-1.0}), the
 * {@code amqp-patterns.receivers} setting, the deliveries and the live page name them.
 */
public enum Protocol {

	AMQP_0_9_1("amqp-0-9-1", "AMQP 0-9-1"),

	AMQP_1_0("amqp-1.0", "AMQP 1.0");

	/** What a request names when it says nothing: the protocol of every tutorial's first version. */
	public static final String DEFAULT = "amqp-0-9-1";

	private final String id;

	private final String label;

	Protocol(String id, String label) {
		this.id = id;
		this.label = label;
	}

	public String id() {
		return this.id;
	}

	public String label() {
		return this.label;
	}

	/**
	 * The protocol a consumer received a message over: AMQP 0-9-1 numbers each delivery on its
	 * channel from 1, and Spring's conversion of an AMQP 1.0 message leaves the number 0.
	 */
	public static Protocol of(MessageProperties received) {
		return (received.getDeliveryTag() > 0) ? AMQP_0_9_1 : AMQP_1_0;
	}

	/** The protocol a request names in {@code ?protocol=}, else a 400 that lists both. */
	public static Protocol parse(String value) {
		return EnumIds.parse(Protocol.class, Protocol::id, "protocol", value);
	}

}
