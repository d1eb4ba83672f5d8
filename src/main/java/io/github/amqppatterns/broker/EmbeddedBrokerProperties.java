package io.github.amqppatterns.broker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded broker. {@link BrokerConfiguration.OnEmbeddedBroker} binds it itself: it reads
 * {@code enabled} before any bean exists.
 *
 * @param enabled {@code true} to always start it, {@code false} never; unset (the default), it
 * starts when no broker is configured ({@code spring.rabbitmq.host}, {@code .port} and
 * {@code .addresses} all unset). A configured broker is never replaced by it.
 * @param port its port on 127.0.0.1; 0 (the default) for an ephemeral one, which never collides
 * with a RabbitMQ on 5672
 */
@Validated
@ConfigurationProperties(EmbeddedBrokerProperties.PREFIX)
record EmbeddedBrokerProperties(@Nullable Boolean enabled, @DefaultValue("0") @Min(0) @Max(65535) int port) {

	static final String PREFIX = "amqp-patterns.embedded-broker";

}
