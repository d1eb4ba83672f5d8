package io.github.amqppatterns.live;

import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/messages/{messageId}}: a message's journey, for the last messages the service saw. */
@RestController
class MessagesController {

	private final MessageJourneys journeys;

	private final LiveProperties properties;

	MessagesController(MessageJourneys journeys, LiveProperties properties) {
		this.journeys = journeys;
		this.properties = properties;
	}

	@ApiErrors({ 404 })
	@GetMapping("/api/messages/{messageId}")
	Journey journey(@PathVariable String messageId) {
		return this.journeys.journey(messageId)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Unknown message",
					"No message '" + messageId + "' among the last " + this.properties.journeys()
							+ " the service published or received (amqp-patterns.live.journeys)"));
	}

}
