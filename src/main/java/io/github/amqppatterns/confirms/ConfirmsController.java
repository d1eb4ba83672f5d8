package io.github.amqppatterns.confirms;

import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.InvalidInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/confirms/run?strategy=individual|batch|async&count=N}: tutorial 7's comparison
 * of publisher-confirm strategies, over HTTP.
 */
@RestController
class ConfirmsController {

	private final PublisherConfirms confirms;

	private final int maxCount;

	ConfirmsController(PublisherConfirms confirms, ConfirmsProperties properties) {
		this.confirms = confirms;
		this.maxCount = properties.maxCount();
	}

	@ApiErrors({ 400, 409, 503 })
	@PostMapping("/api/confirms/run")
	ConfirmsRun run(@RequestParam String strategy, @RequestParam(defaultValue = "1000") int count) {
		ConfirmStrategy parsed = ConfirmStrategy.fromId(strategy);
		if (count < 1 || count > this.maxCount) {
			throw new InvalidInputException("count",
					"count must be from 1 to " + this.maxCount + " (amqp-patterns.confirms.max-count); got " + count);
		}
		return this.confirms.run(parsed, count);
	}

	@ExceptionHandler
	ProblemDetail runInProgress(PublisherConfirms.RunInProgressException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
