package io.github.amqppatterns.live;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxClients how many pages may follow {@code /api/events} at once; one more gets a 503
 * @param bufferPerClient events kept for a client that reads slower than they come; past it the
 * oldest are dropped, so a slow page costs a bounded amount of memory and never slows a publish
 * @param journeys messages whose journey {@code GET /api/messages/{messageId}} tells, the last
 * ones seen; past it the one seen first is forgotten. 0 keeps none, and then no event is built
 * while no page follows
 */
@Validated
@ConfigurationProperties("amqp-patterns.live")
record LiveProperties(@DefaultValue("32") @Min(1) @Max(1000) int maxClients,
		@DefaultValue("500") @Min(1) @Max(100_000) int bufferPerClient,
		@DefaultValue("1000") @Min(0) @Max(100_000) int journeys) {
}
