package io.github.amqppatterns.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.amqppatterns.web.InvalidInputException;

/**
 * Tutorial 4's severities, used as routing keys: lower case, as the tutorial clients send them.
 */
enum Severity {

	INFO, WARNING, ERROR;

	String routingKey() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Severity fromRoutingKey(String key) {
		return Arrays.stream(values())
			.filter((severity) -> severity.routingKey().equals(key))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("severity",
					"Unknown severity '" + key + "'; allowed: "
							+ Arrays.stream(values()).map(Severity::routingKey).collect(Collectors.joining(", "))));
	}

}
