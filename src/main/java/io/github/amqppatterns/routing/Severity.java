package io.github.amqppatterns.routing;

import java.util.Locale;

import io.github.amqppatterns.web.EnumIds;

/** Tutorial 4's severities; routing keys are lower case, as the tutorial clients send them. */
enum Severity {

	INFO, WARNING, ERROR;

	String routingKey() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Severity fromRoutingKey(String key) {
		return EnumIds.parse(Severity.class, Severity::routingKey, "severity", key);
	}

}
