package io.github.amqppatterns.pubsub;

import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.broker.TextPublisher;
import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.TextBody;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tutorial's {@code EmitLog}, over HTTP: {@code POST /api/logs}. */
@RestController
class LogsController {

	private final TextPublisher publisher;

	LogsController(TextPublisher publisher) {
		this.publisher = publisher;
	}

	@ApiErrors({ 400, 413, 415, 503 })
	@PostMapping("/api/logs")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Published send(@RequestParam(defaultValue = Protocol.DEFAULT) String protocol, TextBody body) {
		return this.publisher.toExchange(Protocol.parse(protocol), LogsTopology.EXCHANGE, "",
				body.orElse("info: Hello World!"), MessageDeliveryMode.NON_PERSISTENT);
	}

}
