@NullMarked
package io.github.amqppatterns.broker;

import org.jspecify.annotations.NullMarked;
