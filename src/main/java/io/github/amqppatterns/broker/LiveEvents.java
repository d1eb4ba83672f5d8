package io.github.amqppatterns.broker;

import java.util.function.Supplier;

/**
 * Where the code that sees something happen to a message tells the live page: the publisher, the
 * consumers, the RPC client. Declared here, beside the publisher, and implemented by the
 * {@code live} package's stream, so that publishing and consuming do not depend on the page.
 * <p>
 * A direct call, not a Spring application event: this runs for every message, and the event
 * multicaster's work (wrapping the event, resolving its type, finding and calling its listener)
 * cost a fanout subscriber about a seventh of its CPU per delivery, page or no page
 * (bench/README.md, scenario 3). The event is built only when a page follows.
 */
public interface LiveEvents {

	/** Streams the event to every page that follows, if any; never waits for a page. */
	void publish(Supplier<LiveEvent> event);

}
