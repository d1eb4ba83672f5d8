package io.github.amqppatterns.hello;

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

/** The tutorial's {@code Send}, over HTTP: {@code POST /api/hello}. */
@RestController
class HelloController {

	private final TextPublisher publisher;

	HelloController(TextPublisher publisher) {
		this.publisher = publisher;
	}

	@ApiErrors({ 400, 413, 415, 503 })
	@PostMapping("/api/hello")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Published send(@RequestParam(defaultValue = Protocol.DEFAULT) String protocol, TextBody body) {
		return this.publisher.toQueue(Protocol.parse(protocol), HelloTopology.QUEUE, body.orElse("Hello World!"),
				MessageDeliveryMode.PERSISTENT);
	}

}
