@NullMarked
package io.github.amqppatterns.deliveries;

import org.jspecify.annotations.NullMarked;
