package io.github.amqppatterns.broker;

import java.util.Locale;

/**
 * The type of the named, durable tutorial queues. It must match what other clients declare (the
 * official tutorial clients: quorum), or the declaration fails with {@code PRECONDITION_FAILED}.
 */
public enum QueueType {

	QUORUM, CLASSIC;

	/** As settings, logs and health show it: {@code quorum}, {@code classic}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
