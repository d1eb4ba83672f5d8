package io.github.amqppatterns.workqueues;

import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.broker.Published;
import io.github.amqppatterns.broker.TextPublisher;
import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.InvalidInputException;
import io.github.amqppatterns.web.TextBody;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The tutorial's {@code NewTask}: tasks published persistent. */
@RestController
class TaskController {

	private final TextPublisher publisher;

	private final WorkProperties properties;

	TaskController(TextPublisher publisher, WorkProperties properties) {
		this.publisher = publisher;
		this.properties = properties;
	}

	@ApiErrors({ 400, 413, 415, 503 })
	@PostMapping("/api/tasks")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Published send(@RequestParam(defaultValue = Protocol.DEFAULT) String protocol, TextBody body) {
		String task = body.orElse("Hello World!");
		long dots = WorkProperties.dotsIn(task);
		if (dots > this.properties.maxDots()) {
			throw new InvalidInputException("body", "A task may hold at most " + this.properties.maxDots()
					+ " dots (one unit of work each; amqp-patterns.work.max-dots), this one holds " + dots);
		}
		return this.publisher.toQueue(Protocol.parse(protocol), WorkQueueTopology.QUEUE, task,
				MessageDeliveryMode.PERSISTENT);
	}

}
