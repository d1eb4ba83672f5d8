package io.github.amqppatterns.topics;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Subscribers of {@code topic_logs} beyond tutorial 5's Q1 and Q2.
 *
 * @param extraSubscribers subscriber name to its binding keys, like running
 * {@code receive_logs_topic.py "kern.*" "*.critical"} once per entry; a name is 1 to 64 letters,
 * digits, {@code -} or {@code _}
 */
@ConfigurationProperties("amqp-patterns.topics")
record TopicsProperties(@DefaultValue Map<String, List<String>> extraSubscribers) {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

	TopicsProperties {
		extraSubscribers.forEach((name, bindingKeys) -> {
			if (!NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("Subscriber name '" + name
						+ "' in amqp-patterns.topics.extra-subscribers must be 1 to 64 letters, digits, '-' or '_'");
			}
			if (name.equals(TopicLogsListener.Q1) || name.equals(TopicLogsListener.Q2)) {
				throw new IllegalArgumentException("Subscriber name '" + name + "' is taken by tutorial 5");
			}
			if (bindingKeys.isEmpty()) {
				throw new IllegalArgumentException("Subscriber '" + name + "' needs at least one binding key");
			}
			bindingKeys.forEach((key) -> TopicKeys.bindingKeyProblem(key).ifPresent((problem) -> {
				throw new IllegalArgumentException("Subscriber '" + name + "': " + problem);
			}));
		});
	}

}
