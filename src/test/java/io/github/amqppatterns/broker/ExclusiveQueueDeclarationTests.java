package io.github.amqppatterns.broker;

import io.github.amqppatterns.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AMQP's {@code AnonymousQueue}, the exclusive queue its documentation recommends, declares
 * {@code x-queue-leader-locator}; RabbitMQ 3.10 refuses that (406) and this context would not
 * start. Declared here as a bean, it reaches the broker without the argument.
 * <p>
 * A context of its own, with no listener started and closed afterwards, so that no second set of
 * consumers competes with the shared context's.
 */
@IntegrationTest
@Import(ExclusiveQueueDeclarationTests.AnonymousQueueConfiguration.class)
@TestPropertySource(properties = { "spring.rabbitmq.listener.simple.auto-startup=false",
		"spring.rabbitmq.listener.direct.auto-startup=false" })
@DirtiesContext
class ExclusiveQueueDeclarationTests {

	@Autowired
	AmqpAdmin amqpAdmin;

	@Autowired
	Queue anonymousQueue;

	@Test
	void declaresAnAnonymousQueueWithoutTheLeaderLocator() {
		this.amqpAdmin.initialize();

		assertThat(this.amqpAdmin.getQueueInfo(this.anonymousQueue.getActualName())).isNotNull();
		assertThat(this.anonymousQueue.getArguments()).doesNotContainKey(Queue.X_QUEUE_LEADER_LOCATOR);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AnonymousQueueConfiguration {

		@Bean
		Queue anonymousQueue() {
			return new AnonymousQueue();
		}

	}

}
