package io.github.amqppatterns.broker;

/**
 * What a publish endpoint sent, returned with its {@code 202 Accepted}.
 *
 * @param exchange the exchange the message went to ({@code ""} is the default exchange)
 * @param routingKey the routing key it was published with
 * @param messageId the AMQP {@code message_id} it carries, also shown by the consumer's delivery
 */
public record Published(String exchange, String routingKey, String messageId) {
}
