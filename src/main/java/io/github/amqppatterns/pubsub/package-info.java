@NullMarked
package io.github.amqppatterns.pubsub;

import org.jspecify.annotations.NullMarked;
