package io.github.amqppatterns.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.stream.OffsetSpecification;
import io.github.amqppatterns.web.ApiErrors;
import io.github.amqppatterns.web.InvalidInputException;
import io.github.amqppatterns.web.TextBody;
import org.hibernate.validator.constraints.Range;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.rabbit.stream.producer.RabbitStreamTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The stream tutorials over HTTP: tutorial 1's {@code Send}, tutorial 2's runs, the super stream,
 * a stream or partition read again from any starting point, and whether streams can be used here.
 */
@RestController
class StreamsController {

	static final String DEFAULT_MESSAGE = "Hello, World!";

	static final int MAX_KEY_CHARS = 255;

	static final int MAX_MESSAGES = 10_000;

	static final int MAX_READ = 1000;

	private static final List<String> STREAMS = List.of(StreamsTopology.HELLO, StreamsTopology.OFFSET_TRACKING);

	private final RabbitStreamTemplate helloTemplate;

	private final RabbitStreamTemplate superStreamTemplate;

	private final StreamPublisher publisher;

	private final OffsetTrackingRuns runs;

	private final StreamReader reader;

	private final StreamsAvailability availability;

	private final SuperStreamConsumers superStream;

	private final List<String> readable = new ArrayList<>(STREAMS);

	StreamsController(@Qualifier("helloStreamTemplate") RabbitStreamTemplate helloTemplate,
			@Qualifier("superStreamTemplate") RabbitStreamTemplate superStreamTemplate, StreamPublisher publisher,
			OffsetTrackingRuns runs, StreamReader reader, StreamsAvailability availability,
			SuperStreamConsumers superStream, StreamsProperties properties) {
		this.helloTemplate = helloTemplate;
		this.superStreamTemplate = superStreamTemplate;
		this.publisher = publisher;
		this.runs = runs;
		this.reader = reader;
		this.availability = availability;
		this.superStream = superStream;
		this.readable.addAll(properties.superStream().partitionNames());
	}

	@ApiErrors({})
	@GetMapping("/api/streams")
	Streams streams() {
		return new Streams(this.availability.available(), this.availability.unavailable(), STREAMS,
				OffsetTrackingRuns.CONSUMER, this.superStream.status());
	}

	@ApiErrors({ 400, 413, 415, 503 })
	@PostMapping("/api/streams/hello")
	@ResponseStatus(HttpStatus.ACCEPTED)
	StreamPublished hello(TextBody body) {
		String messageId = UUID.randomUUID().toString();
		this.publisher.publish(this.helloTemplate, StreamPublisher.message(body.orElse(DEFAULT_MESSAGE), messageId, null));
		return new StreamPublished(StreamsTopology.HELLO, messageId, true);
	}

	/** The key (by default the {@code message_id}) picks the partition: one key's messages stay in order. */
	@ApiErrors({ 400, 413, 415, 503 })
	@PostMapping("/api/streams/super-stream")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SuperStreamPublished toSuperStream(TextBody body, @RequestParam(required = false) @Nullable String key) {
		if (key != null && (key.isEmpty() || key.length() > MAX_KEY_CHARS)) {
			throw new InvalidInputException("key", "key must be 1 to " + MAX_KEY_CHARS + " characters; got " + key.length());
		}
		this.availability.require(true);
		String messageId = UUID.randomUUID().toString();
		String partitionKey = (key != null) ? key : messageId;
		this.publisher.publish(this.superStreamTemplate,
				StreamPublisher.message(body.orElse(DEFAULT_MESSAGE), messageId, partitionKey));
		return new SuperStreamPublished(StreamsTopology.SUPER_STREAM, partitionKey, messageId, true);
	}

	@ApiErrors({ 400, 409, 503 })
	@PostMapping("/api/streams/offset-tracking/runs")
	OffsetTrackingRuns.Run offsetTracking(@RequestParam(defaultValue = "100") @Range(min = 1, max = MAX_MESSAGES,
			message = "messages must be from {min} to {max}; got ${validatedValue}") int messages) {
		return this.runs.run(messages);
	}

	@ApiErrors({ 400, 503 })
	@GetMapping("/api/streams/{stream}/messages")
	StreamReader.Slice read(@PathVariable String stream, @RequestParam(defaultValue = "first") String from,
			@RequestParam(defaultValue = "10") @Range(min = 1, max = MAX_READ,
					message = "limit must be from {min} to {max}; got ${validatedValue}") int limit) {
		if (!this.readable.contains(stream)) {
			throw new InvalidInputException("stream",
					"Unknown stream '" + stream + "'; allowed: " + String.join(", ", this.readable));
		}
		OffsetSpecification start = StreamReader.startingPoint(from);
		this.availability.require(!STREAMS.contains(stream));
		return this.reader.read(stream, from, start, limit);
	}

	/**
	 * Whether streams can be used here, and why not; the tutorials' streams; the name tutorial 2's
	 * consumer stores its offset under; the super stream, and where this instance's consumers are active.
	 */
	record Streams(boolean available, @Nullable String unavailable, List<String> streams, String consumer,
			SuperStreamConsumers.SuperStreamStatus superStream) {
	}

	/** A confirmed message: {@code /api/deliveries?pattern=streams} shows its offset. */
	record StreamPublished(String stream, String messageId, boolean confirmed) {
	}

	/** A confirmed message, and the key that picked its partition. */
	record SuperStreamPublished(String superStream, String key, String messageId, boolean confirmed) {
	}

}
