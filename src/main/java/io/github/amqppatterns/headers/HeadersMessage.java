package io.github.amqppatterns.headers;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/headers}: {@code {"headers": {"format": "pdf"}, "message": "…"}}. */
record HeadersMessage(
		@NotNull @Size(min = 1, max = 16) Map<@NotNull @Size(min = 1, max = 64) @Pattern(regexp = "(?i)(?!x-).*",
				message = "must not start with 'x-' (reserved for the broker)") String, @NotNull @Size(max = 255) String> headers,
		@Nullable String message) {
}
