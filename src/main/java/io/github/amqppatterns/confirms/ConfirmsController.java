package io.github.amqppatterns.confirms;

import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.web.ApiErrors;
import org.hibernate.validator.constraints.Range;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tutorial 7's comparison, over HTTP: {@code POST /api/confirms/run?strategy=…&count=N}. */
@RestController
class ConfirmsController {

	/** The tutorial's 50,000. */
	static final int MAX_COUNT = 50_000;

	private final PublisherConfirms confirms;

	ConfirmsController(PublisherConfirms confirms) {
		this.confirms = confirms;
	}

	@ApiErrors({ 400, 409, 503 })
	@PostMapping("/api/confirms/run")
	ConfirmsRun run(@RequestParam String strategy, @RequestParam(defaultValue = "1000") @Range(min = 1,
			max = MAX_COUNT, message = "count must be from {min} to {max}; got ${validatedValue}") int count,
			@RequestParam(defaultValue = Protocol.DEFAULT) String protocol) {
		return this.confirms.run(Protocol.parse(protocol), ConfirmStrategy.fromId(strategy), count);
	}

}
