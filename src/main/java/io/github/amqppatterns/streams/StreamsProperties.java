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
 * The stream tutorials; where the stream protocol listens is Boot's {@code spring.rabbitmq.stream.*}.
 * A retention ({@code max-length-bytes}) is in the stream client's units: {@code 5gb} is
 * 5,000,000,000 bytes. The leader locator is the official tutorial's client's (0.x); the broker
 * refuses a declaration whose locator differs from the stream's, so the second program must match.
 *
 * @param readTimeout longest a read of a stream, or a tutorial 2 run's consumer, waits for messages
 */
@Validated
@ConfigurationProperties("amqp-patterns.streams")
record StreamsProperties(@DefaultValue("5gb") @NotBlank String helloMaxLengthBytes,
		@DefaultValue("1gb") @NotBlank String offsetTrackingMaxLengthBytes, @DefaultValue @Valid SuperStream superStream,
		@DefaultValue("least-leaders") @Pattern(regexp = "least-leaders|balanced|client-local|random") String leaderLocator,
		@DefaultValue("5s") @NotNull Duration readTimeout) {

	StreamsProperties {
		// a size the stream client does not take fails the start
		Stream.of(helloMaxLengthBytes, offsetTrackingMaxLengthBytes, superStream.maxLengthBytes())
			.forEach(ByteCapacity::from);
	}

	/**
	 * The super stream {@code invoices}: partitions {@code invoices-0} to {@code -(N-1)} bound to the
	 * exchange {@code invoices}, as {@code rabbitmq-streams add_super_stream} makes it.
	 *
	 * @param consumers how many consumers of the group each instance runs
	 */
	record SuperStream(@DefaultValue("3") @Min(1) @Max(100) int partitions,
			@DefaultValue("1gb") @NotBlank String maxLengthBytes, @DefaultValue("2") @Min(1) @Max(10) int consumers) {

		List<String> partitionNames() {
			return IntStream.range(0, this.partitions).mapToObj((i) -> StreamsTopology.SUPER_STREAM + "-" + i).toList();
		}

	}

}
