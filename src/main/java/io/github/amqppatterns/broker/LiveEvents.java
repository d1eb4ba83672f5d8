package io.github.amqppatterns.broker;

import java.util.function.Supplier;

/**
 * Where the code that sees something happen to a message tells the live page; implemented by the
 * {@code live} package, so that publishing and consuming do not depend on the page. A direct call,
 * not an application event: the multicaster cost a fanout subscriber a seventh of its CPU
 * (bench/RESULTS.md, scenario 3).
 */
public interface LiveEvents {

	/**
	 * Streams the event to every page that follows, if any, never waiting for one, and keeps it in
	 * its message's journey; builds it only when one of the two wants it.
	 */
	void publish(Supplier<LiveEvent> event);

}
