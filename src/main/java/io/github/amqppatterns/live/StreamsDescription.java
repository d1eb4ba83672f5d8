package io.github.amqppatterns.live;

/**
 * The streams as the package that declares them knows them: their names and this service's
 * consumers. The topology asks the broker for the rest (depth, leader), as it does for queues.
 */
public interface StreamsDescription {

	Topology.Streams describe();

}
