package io.github.amqppatterns.routing;

import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.broker.TextPublisher;
import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.TextBody;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tutorial's {@code EmitLogDirect}, over HTTP: {@code POST /api/logs/{severity}}. */
@RestController
class DirectLogsController {

	private final TextPublisher publisher;

	DirectLogsController(TextPublisher publisher) {
		this.publisher = publisher;
	}

	@ApiErrors({ 400, 413, 415, 503 })
	@PostMapping("/api/logs/{severity}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Published send(@RequestParam(defaultValue = Protocol.DEFAULT) String protocol, @PathVariable String severity,
			TextBody body) {
		return this.publisher.toExchange(Protocol.parse(protocol), DirectLogsTopology.EXCHANGE,
				Severity.fromRoutingKey(severity).routingKey(), body.orElse("Hello World!"),
				MessageDeliveryMode.NON_PERSISTENT);
	}

}
