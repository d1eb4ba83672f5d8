package io.github.amqppatterns.live;

import io.github.amqppatterns.web.ApiErrors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/topology}: the exchanges, queues (with their depth now), bindings and consumers
 * the service declared, grouped by pattern. The page draws its diagram from this.
 */
@RestController
class TopologyController {

	private final TopologyReader reader;

	TopologyController(TopologyReader reader) {
		this.reader = reader;
	}

	/** Answers no error of its own: a broker that cannot be asked only leaves the depths out. */
	@ApiErrors({})
	@GetMapping("/api/topology")
	Topology topology() {
		return this.reader.read();
	}

}
