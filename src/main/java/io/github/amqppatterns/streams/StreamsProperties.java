package io.github.amqppatterns.streams;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.rabbitmq.stream.ByteCapacity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The stream tutorials. Where the broker's stream protocol listens ({@code spring.rabbitmq.stream.host},
 * {@code .port}: localhost:5552 by default) is Spring Boot's setting.
 *
 * @param hello tutorial 1's stream
 * @param offsetTracking tutorial 2's stream and named consumer
 * @param superStream a partitioned stream read by single active consumers
 * @param leaderLocator the leader locator a stream is declared with where the service declares it:
 * as the official stream tutorial's Java program declares it (its stream-client 0.x sends
 * {@code least-leaders}; 1.x sends {@code balanced}). The broker refuses a declaration whose
 * leader locator differs from the stream's ({@code PRECONDITION_FAILED}), so a program that comes
 * second must declare what the first did
 * @param maxMessages most messages one tutorial 2 run publishes
 * @param maxRead most messages one read of a stream returns
 * @param readTimeout longest a read of a stream, or a tutorial 2 run's consumer, waits for messages
 * @param startRetryInterval how often the service tries again to declare its streams and start its
 * stream listener while the stream protocol does not answer
 */
@Validated
@ConfigurationProperties("amqp-patterns.streams")
record StreamsProperties(@DefaultValue @Valid Hello hello, @DefaultValue @Valid OffsetTracking offsetTracking,
		@DefaultValue @Valid SuperStream superStream,
		@DefaultValue("least-leaders") @Pattern(regexp = "least-leaders|balanced|client-local|random") String leaderLocator,
		@DefaultValue("10000") @Min(1) @Max(100_000) int maxMessages,
		@DefaultValue("1000") @Min(1) @Max(10_000) int maxRead, @DefaultValue("5s") @NotNull Duration readTimeout,
		@DefaultValue("5s") @NotNull Duration startRetryInterval) {

	/** A stream the service declares, with its retention: a super stream's is each partition's. */
	interface Stream {

		String name();

		/**
		 * The retention ({@code max-length-bytes}), in the stream client's units, as the tutorials
		 * write it: {@code 5gb} is {@code ByteCapacity.GB(5)}, 5,000,000,000 bytes.
		 */
		String maxLengthBytes();

		default ByteCapacity retention() {
			return ByteCapacity.from(maxLengthBytes());
		}

	}

	/**
	 * Tutorial 1's stream, named and bounded as the official Java client declares it.
	 *
	 * @param name its name
	 * @param maxLengthBytes its retention ({@code max-length-bytes}), as {@code 5gb}, {@code 500mb}:
	 * past it, the oldest segments go
	 */
	record Hello(@DefaultValue("hello-java-stream") @NotBlank String name,
			@DefaultValue("5gb") @NotBlank String maxLengthBytes) implements Stream {

		Hello {
			ByteCapacity.from(maxLengthBytes); // fails on a size the stream client does not take
		}

	}

	/**
	 * Tutorial 2's stream, and its consumer.
	 *
	 * @param name its name
	 * @param maxLengthBytes its retention ({@code max-length-bytes})
	 * @param consumerName the name under which the consumer stores its offset on the broker
	 */
	record OffsetTracking(@DefaultValue("stream-offset-tracking-java") @NotBlank String name,
			@DefaultValue("1gb") @NotBlank String maxLengthBytes,
			@DefaultValue("offset-tracking-tutorial") @NotBlank String consumerName) implements Stream {

		OffsetTracking {
			ByteCapacity.from(maxLengthBytes); // fails on a size the stream client does not take
		}

	}

	/**
	 * A super stream: a stream in partitions (streams {@code NAME-0} to {@code NAME-(N-1)}, bound to
	 * the exchange {@code NAME} with the keys {@code 0} to {@code N-1}, as
	 * {@code rabbitmq-streams add_super_stream NAME --partitions N} makes it), read by a group of
	 * single active consumers of one name: one consumer per partition gets its messages at a time,
	 * and another takes over from the offset stored on the broker when it goes.
	 *
	 * @param name its name, that of its exchange
	 * @param partitions how many partitions the service declares it with, where it does not exist
	 * @param maxLengthBytes each partition's retention ({@code max-length-bytes})
	 * @param consumerName the group's name, under which each partition's offset is stored
	 * @param consumers how many consumers of the group each instance of the service runs
	 */
	record SuperStream(@DefaultValue("invoices") @NotBlank String name, @DefaultValue("3") @Min(1) @Max(100) int partitions,
			@DefaultValue("1gb") @NotBlank String maxLengthBytes,
			@DefaultValue("invoice-processor") @NotBlank String consumerName,
			@DefaultValue("2") @Min(1) @Max(10) int consumers) implements Stream {

		SuperStream {
			ByteCapacity.from(maxLengthBytes); // fails on a size the stream client does not take
		}

		/** The partitions' names, as the broker and the stream client name them. */
		List<String> partitionNames() {
			return IntStream.range(0, this.partitions).mapToObj((i) -> this.name + "-" + i).toList();
		}

	}

}
