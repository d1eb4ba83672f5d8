package io.github.amqppatterns.headers;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/headers}: {@code {"headers": {"format": "pdf"}, "message": "…"}}.
 *
 * @param headers 1 to 16 headers to route on; names are 1 to 64 characters and must not start
 * with {@code x-} (reserved for the broker, as {@code x-match}); values are text of up to 255
 * characters
 * @param message the body; {@code Hello World!} when absent
 */
record HeadersMessage(
		@NotNull @Size(min = 1, max = 16) Map<@NotNull @Size(min = 1, max = 64) @Pattern(regexp = "(?i)(?!x-).*",
				message = "must not start with 'x-' (reserved for the broker)") String, @NotNull @Size(max = 255) String> headers,
		@Nullable String message) {
}
