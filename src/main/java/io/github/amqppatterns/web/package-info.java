@NullMarked
package io.github.amqppatterns.web;

import org.jspecify.annotations.NullMarked;
