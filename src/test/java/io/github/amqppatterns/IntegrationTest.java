package io.github.amqppatterns;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole service on a random port, against the {@link BrokerUnderTest}. Every integration
 * test uses this one configuration, so they share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amqp-patterns.work.time-per-dot=50ms", "amqp-patterns.work.retry-delay=50ms",
				"amqp-patterns.work.retry-max-delay=200ms",
				"amqp-patterns.topics.extra-subscribers.kern-critical=kern.*,*.critical",
				"amqp-patterns.rpc.reply-timeout=2s", "amqp-patterns.rpc.server.concurrency=2",
				"amqp-patterns.streams.read-timeout=2s" })
@AutoConfigureRestTestClient
@ContextCustomizerFactories(BrokerUnderTest.Factory.class)
@ExtendWith(BrokerUnderTest.Reachable.class)
@Import({ BrokerUnderTest.class, TutorialClient.class })
public @interface IntegrationTest {

}
