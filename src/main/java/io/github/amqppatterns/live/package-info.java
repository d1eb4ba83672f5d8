/**
 * The page's live view: events and topology. {@code LiveEvent}s are the broker package's, beside
 * those who raise them, so that the arrows point from here to there.
 */
@NullMarked
package io.github.amqppatterns.live;

import org.jspecify.annotations.NullMarked;
