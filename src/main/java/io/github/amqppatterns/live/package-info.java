/**
 * What the service's messages do, as it happens: the stream of events to the page
 * ({@code GET /api/events}), and the topology the page draws ({@code GET /api/topology}). The
 * events themselves ({@code LiveEvent}, {@code LiveEvents}) are the broker package's, beside the
 * publisher and the consumers that raise them, so that the arrows point from here to there.
 */
@NullMarked
package io.github.amqppatterns.live;

import org.jspecify.annotations.NullMarked;
