@NullMarked
package io.github.amqppatterns;

import org.jspecify.annotations.NullMarked;
