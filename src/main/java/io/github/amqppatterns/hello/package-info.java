@NullMarked
package io.github.amqppatterns.hello;

import org.jspecify.annotations.NullMarked;
