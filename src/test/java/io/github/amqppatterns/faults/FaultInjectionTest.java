package io.github.amqppatterns.faults;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.amqppatterns.DockerCheck;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole service on a random port, against the {@link PrivateRabbitNode}, which the test may
 * stop, kill or pause. The fault-injection tests share one node; each test class closes its
 * application context when it is done, while the node is still up, so that no context is left
 * reconnecting to it when the node stops with the JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amqp-patterns.deliveries.capacity=50000", "amqp-patterns.work.retry-delay=50ms",
				"amqp-patterns.work.retry-max-delay=200ms", "amqp-patterns.rpc.reply-timeout=2s",
				"logging.level.io.github.amqppatterns=WARN" })
@ContextCustomizerFactories(PrivateRabbitNode.Factory.class)
@ExtendWith({ DockerCheck.class, ServiceThreadsMayDie.class })
@DirtiesContext
public @interface FaultInjectionTest {

}
