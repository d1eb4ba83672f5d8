package io.github.amqppatterns.topics;

import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.broker.TextPublisher;
import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.InvalidInputException;
import io.github.amqppatterns.web.TextBody;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tutorial's {@code EmitLogTopic}, over HTTP: {@code POST /api/topics/{routingKey}}. */
@RestController
class TopicLogsController {

	private final TextPublisher publisher;

	TopicLogsController(TextPublisher publisher) {
		this.publisher = publisher;
	}

	@ApiErrors({ 400, 413, 415, 503 })
	@PostMapping("/api/topics/{routingKey}")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Published send(@RequestParam(defaultValue = Protocol.DEFAULT) String protocol, @PathVariable String routingKey,
			TextBody body) {
		TopicKeys.publishKeyProblem(routingKey).ifPresent((problem) -> {
			throw new InvalidInputException("routingKey", problem);
		});
		return this.publisher.toExchange(Protocol.parse(protocol), TopicLogsTopology.EXCHANGE, routingKey,
				body.orElse("Hello World!"), MessageDeliveryMode.NON_PERSISTENT);
	}

}
