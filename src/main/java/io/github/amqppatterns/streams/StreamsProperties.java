package io.github.amqppatterns.streams;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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
 * {@code .port}: localhost:5552 by default) is Spring Boot's setting. A stream's retention
 * ({@code max-length-bytes}) is in the stream client's units, as the tutorials write it: {@code 5gb}
 * is {@code ByteCapacity.GB(5)}, 5,000,000,000 bytes; past it, the oldest segments go.
 *
 * @param helloMaxLengthBytes tutorial 1's retention, as the official Java client declares it
 * @param offsetTrackingMaxLengthBytes tutorial 2's retention
 * @param superStream the super stream, read by single active consumers
 * @param leaderLocator the leader locator a stream is declared with where the service declares it:
 * as the official tutorial's Java program declares it (its stream-client 0.x sends
 * {@code least-leaders}; 1.x sends {@code balanced}). The broker refuses a declaration whose leader
 * locator differs from the stream's, so a program that comes second must declare what the first did
 * @param readTimeout longest a read of a stream, or a tutorial 2 run's consumer, waits for messages
 */
@Validated
@ConfigurationProperties("amqp-patterns.streams")
record StreamsProperties(@DefaultValue("5gb") @NotBlank String helloMaxLengthBytes,
		@DefaultValue("1gb") @NotBlank String offsetTrackingMaxLengthBytes,
		@DefaultValue @Valid SuperStream superStream,
		@DefaultValue("least-leaders") @Pattern(regexp = "least-leaders|balanced|client-local|random") String leaderLocator,
		@DefaultValue("5s") @NotNull Duration readTimeout) {

	StreamsProperties {
		// a size the stream client does not take fails here, at the start
		Stream.of(helloMaxLengthBytes, offsetTrackingMaxLengthBytes, superStream.maxLengthBytes())
			.forEach(ByteCapacity::from);
	}

	/**
	 * A super stream: streams {@code invoices-0} to {@code invoices-(N-1)}, bound to the exchange
	 * {@code invoices} with the keys {@code 0} to {@code N-1}, as
	 * {@code rabbitmq-streams add_super_stream invoices --partitions N} makes it.
	 *
	 * @param partitions how many partitions it is declared with, where it does not exist
	 * @param maxLengthBytes each partition's retention
	 * @param consumers how many consumers of the group each instance of the service runs
	 */
	record SuperStream(@DefaultValue("3") @Min(1) @Max(100) int partitions,
			@DefaultValue("1gb") @NotBlank String maxLengthBytes, @DefaultValue("2") @Min(1) @Max(10) int consumers) {

		/** The partitions' names, as the broker and the stream client name them. */
		List<String> partitionNames() {
			return IntStream.range(0, this.partitions).mapToObj((i) -> StreamsTopology.SUPER_STREAM + "-" + i).toList();
		}

	}

}
