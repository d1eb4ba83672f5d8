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
 * The whole service on a random port, connected to the {@link ThreeNodeCluster}, whose nodes the
 * test may stop or kill. Each test class closes its context when done, while the cluster is up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amqp-patterns.deliveries.capacity=50000", "amqp-patterns.work.time-per-dot=50ms",
				"amqp-patterns.work.retry-delay=50ms",
				"amqp-patterns.work.retry-max-delay=200ms", "amqp-patterns.rpc.reply-timeout=2s",
				"logging.level.io.github.amqppatterns=WARN" })
@ContextCustomizerFactories(ThreeNodeCluster.Factory.class)
@ExtendWith({ DockerCheck.class, ServiceThreadsMayDie.class })
@DirtiesContext
public @interface ClusterTest {

}
