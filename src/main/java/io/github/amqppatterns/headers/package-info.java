@NullMarked
package io.github.amqppatterns.headers;

import org.jspecify.annotations.NullMarked;
