/**
 * The RabbitMQ Stream tutorials, "Hello World" and "Offset tracking", a super stream read by single
 * active consumers, and reading any slice of a stream again.
 */
@NullMarked
package io.github.amqppatterns.streams;

import org.jspecify.annotations.NullMarked;
