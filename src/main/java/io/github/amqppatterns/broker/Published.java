package io.github.amqppatterns.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a publish endpoint sent, returned with its {@code 202 Accepted}.
 *
 * @param exchange the exchange the message went to ({@code ""} is the default exchange)
 * @param routingKey the routing key it was published with
 * @param messageId the AMQP {@code message_id} it carries, also shown by the consumer's delivery
 * @param confirmed whether the broker confirmed it (always, in a {@code 202})
 * @param routed whether it reached at least one queue; {@code false} is normal for pub/sub with no
 * matching subscriber; absent where the broker cannot say (the embedded broker)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Published(String exchange, String routingKey, String messageId, boolean confirmed,
		@Nullable Boolean routed) {
}
