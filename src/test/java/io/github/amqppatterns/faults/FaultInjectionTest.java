package io.github.amqppatterns.faults;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole service on a random port, against the {@link PrivateRabbitNode}, which the test may
 * stop, kill or pause. Every fault-injection test uses this one configuration, so they share one
 * application context and one node.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amqp-patterns.deliveries.capacity=50000", "amqp-patterns.work.retry-delay=50ms",
				"amqp-patterns.work.retry-max-delay=200ms", "amqp-patterns.rpc.reply-timeout=2s",
				"logging.level.io.github.amqppatterns=WARN" })
@ContextCustomizerFactories(PrivateRabbitNode.Factory.class)
public @interface FaultInjectionTest {

}
