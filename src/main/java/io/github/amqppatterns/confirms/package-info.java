@NullMarked
package io.github.amqppatterns.confirms;

import org.jspecify.annotations.NullMarked;
