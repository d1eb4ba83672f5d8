@NullMarked
package io.github.amqppatterns.routing;

import org.jspecify.annotations.NullMarked;
