@NullMarked
package io.github.amqppatterns.rpc;

import org.jspecify.annotations.NullMarked;
