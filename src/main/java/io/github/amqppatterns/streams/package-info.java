/**
 * The RabbitMQ Stream tutorials, over the stream protocol: "Hello World" and "Offset tracking", and
 * reading any slice of a stream again.
 */
@NullMarked
package io.github.amqppatterns.streams;

import org.jspecify.annotations.NullMarked;
