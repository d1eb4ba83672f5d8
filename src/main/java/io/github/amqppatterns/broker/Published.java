package io.github.amqppatterns.broker;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a publish endpoint sent, returned with its {@code 202 Accepted}.
 *
 * @param exchange {@code ""} is the default exchange
 * @param confirmed always, in a {@code 202}
 * @param routed whether a queue took it ({@code false} is normal for pub/sub with no matching
 * subscriber); absent where the broker cannot say (the embedded broker)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Published(String exchange, String routingKey, String messageId, boolean confirmed,
		@Nullable Boolean routed) {
}
