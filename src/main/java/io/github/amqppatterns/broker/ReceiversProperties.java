package io.github.amqppatterns.broker;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which protocol the tutorials' receivers consume over.
 *
 * @param receivers {@code amqp-0-9-1} (the default: every broker has it) or {@code amqp-1.0}
 * (RabbitMQ 4.0 or later; the service does not start on another broker with it). Publishing takes
 * either protocol whatever this says: {@code ?protocol=amqp-1.0} on a request
 */
@Validated
@ConfigurationProperties("amqp-patterns")
record ReceiversProperties(@DefaultValue(Protocol.DEFAULT) @NotNull Protocol receivers) {

}
