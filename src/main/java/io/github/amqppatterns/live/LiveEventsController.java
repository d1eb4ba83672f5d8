package io.github.amqppatterns.live;

import io.github.amqppatterns.web.ApiErrors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /api/events}: every {@code LiveEvent} from now on, as Server-Sent Events named by their kind. */
@RestController
class LiveEventsController {

	private final LiveEventStream stream;

	LiveEventsController(LiveEventStream stream) {
		this.stream = stream;
	}

	@ApiErrors({ 503 })
	@GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events() {
		return this.stream.subscribe();
	}

	@ExceptionHandler
	ProblemDetail tooManyClients(LiveEventStream.TooManyClientsException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

}
