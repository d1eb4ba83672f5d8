package io.github.amqppatterns.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBodySize largest request body accepted by any endpoint, counted on the bytes
 * actually read; larger bodies get a 413
 */
@Validated
@ConfigurationProperties("amqp-patterns")
record BodySizeProperties(@DefaultValue("64KB") @NotNull DataSize maxBodySize) {

	BodySizeProperties {
		if (maxBodySize.toBytes() < 1) {
			throw new IllegalArgumentException("amqp-patterns.max-body-size must be at least 1B");
		}
	}

}
