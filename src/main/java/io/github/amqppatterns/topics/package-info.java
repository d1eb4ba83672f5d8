@NullMarked
package io.github.amqppatterns.topics;

import org.jspecify.annotations.NullMarked;
