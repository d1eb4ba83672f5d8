package io.github.amqppatterns.deliveries;

import java.util.List;
import java.util.function.Predicate;

import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.EnumIds;
import io.github.amqppatterns.web.InvalidInputException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/deliveries}: who received what, newest first. */
@RestController
class DeliveriesController {

	private final DeliveryLog deliveryLog;

	DeliveriesController(DeliveryLog deliveryLog) {
		this.deliveryLog = deliveryLog;
	}

	@ApiErrors({ 400 })
	@GetMapping("/api/deliveries")
	List<Delivery> deliveries(@RequestParam(required = false) @Nullable String pattern,
			@RequestParam(required = false) @Nullable String consumer,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		Predicate<Delivery> filter = (delivery) -> consumer == null || delivery.consumer().equals(consumer);
		if (pattern != null) {
			MessagingPattern wanted = EnumIds.find(MessagingPattern.class, MessagingPattern::id, pattern)
				.orElseThrow(() -> new InvalidInputException("pattern", "Unknown pattern '" + pattern
						+ "'; known patterns: " + EnumIds.list(MessagingPattern.class, MessagingPattern::id)));
			filter = filter.and((delivery) -> delivery.pattern() == wanted);
		}
		return this.deliveryLog.newest(filter, limit);
	}

}
