@NullMarked
package io.github.amqppatterns.workqueues;

import org.jspecify.annotations.NullMarked;
