package io.github.amqppatterns.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a publish endpoint sent, returned with its {@code 202 Accepted}.
 *
 * @param protocol {@code amqp-0-9-1} or {@code amqp-1.0}
 * @param exchange {@code ""}: to a queue (AMQP 0-9-1: through the default exchange)
 * @param confirmed always, in a {@code 202}
 * @param routed whether a queue took it ({@code false} is normal for pub/sub with no matching
 * subscriber); absent where the broker cannot say (the embedded broker)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Published(String protocol, String exchange, String routingKey, String messageId, boolean confirmed,
		@Nullable Boolean routed) {
}
