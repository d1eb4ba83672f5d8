package io.github.amqppatterns.workqueues;

import io.github.amqppatterns.web.ApiErrors;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DeadLettersController {

	private final DeadLetters deadLetters;

	DeadLettersController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@ApiErrors({ 400, 503 })
	@GetMapping("/api/dead-letters")
	DeadLetters.Listing list(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.deadLetters.peek(limit);
	}

	@ApiErrors({ 400, 503 })
	@PostMapping("/api/dead-letters/replay")
	DeadLetters.Replay replay(@RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit) {
		return this.deadLetters.replay(limit);
	}

}
