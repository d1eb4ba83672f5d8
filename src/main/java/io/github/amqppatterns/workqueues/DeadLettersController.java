package io.github.amqppatterns.workqueues;

import io.github.amqppatterns.web.ApiErrors;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dead-letters}: the tasks the workers gave up on; {@code POST
 * /api/dead-letters/replay}: back to {@code task_queue} with them.
 */
@RestController
class DeadLettersController {

	static final int MAX_SHOWN = 100;

	static final int MAX_REPLAYED = 10_000;

	private final DeadLetters deadLetters;

	DeadLettersController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@ApiErrors({ 400, 503 })
	@GetMapping("/api/dead-letters")
	DeadLetters.Listing list(@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_SHOWN) int limit) {
		return this.deadLetters.peek(limit);
	}

	@ApiErrors({ 400, 503 })
	@PostMapping("/api/dead-letters/replay")
	DeadLetters.Replay replay(@RequestParam(defaultValue = "1000") @Min(1) @Max(MAX_REPLAYED) int limit) {
		return this.deadLetters.replay(limit);
	}

}
