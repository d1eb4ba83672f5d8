/**
 * What the service's messages do, as it happens: the events, their stream to the page
 * ({@code GET /api/events}), and the topology the page draws ({@code GET /api/topology}).
 */
@NullMarked
package io.github.amqppatterns.live;

import org.jspecify.annotations.NullMarked;
