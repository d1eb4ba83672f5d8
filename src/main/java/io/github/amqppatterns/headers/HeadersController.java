package io.github.amqppatterns.headers;

import java.util.Objects;

import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.broker.TextPublisher;
import io.github.amqppatterns.web.ApiErrors;
import jakarta.validation.Valid;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Publishes to the headers exchange: {@code POST /api/headers} with a JSON body. */
@RestController
class HeadersController {

	private final TextPublisher publisher;

	HeadersController(TextPublisher publisher) {
		this.publisher = publisher;
	}

	@ApiErrors({ 400, 413, 415, 503 })
	@PostMapping(path = "/api/headers", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	Published send(@RequestParam(defaultValue = Protocol.DEFAULT) String protocol,
			@Valid @RequestBody HeadersMessage request) {
		return this.publisher.toExchange(Protocol.parse(protocol), HeadersTopology.EXCHANGE, "",
				Objects.requireNonNullElse(request.message(), "Hello World!"), MessageDeliveryMode.NON_PERSISTENT,
				request.headers());
	}

}
