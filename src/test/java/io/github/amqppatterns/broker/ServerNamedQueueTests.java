package io.github.amqppatterns.broker;

import java.util.Arrays;
import java.util.List;

import io.github.amqppatterns.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which consumers acknowledge: the tutorials' receivers consume with autoAck (the hello receiver,
 * and the subscribers of server-named queues, in direct containers); the workers and the RPC
 * server acknowledge after their work, in simple containers.
 */
@IntegrationTest
class ServerNamedQueueTests {

	@Autowired
	RabbitListenerEndpointRegistry registry;

	@Test
	void subscribersOfServerNamedQueuesConsumeWithAutoAckAsTheTutorialReceivers() {
		List<AbstractMessageListenerContainer> subscribers = serverNamedQueueContainers();

		// fanout, direct (2 each), topics (2 and any extra), headers (2)
		assertThat(subscribers).hasSizeGreaterThanOrEqualTo(8)
			.allSatisfy((container) -> {
				assertThat(container.getAcknowledgeMode()).isEqualTo(AcknowledgeMode.NONE);
				// the listener runs on the client's thread, no hand-off queue (BrokerConfiguration)
				assertThat(container).isInstanceOf(DirectMessageListenerContainer.class);
			});
	}

	@Test
	void theHelloReceiverConsumesWithAutoAckAsTheTutorialsRecv() {
		assertThat(this.registry.getListenerContainer("hello-receiver")).isInstanceOf(SimpleMessageListenerContainer.class)
			.extracting((container) -> ((AbstractMessageListenerContainer) container).getAcknowledgeMode())
			.isEqualTo(AcknowledgeMode.NONE);
	}

	@Test
	void theWorkersAndTheRpcServerAcknowledgeAfterTheirWork() {
		assertThat(List.of("worker-1", "worker-2", "fib-server"))
			.map((id) -> (AbstractMessageListenerContainer) this.registry.getListenerContainer(id))
			.allSatisfy((container) -> {
				assertThat(container.getAcknowledgeMode()).isNotEqualTo(AcknowledgeMode.NONE);
				assertThat(container).isInstanceOf(SimpleMessageListenerContainer.class);
			});
	}

	/** The AMQP containers consuming server-named queues (the stream listener's is no AMQP container). */
	private List<AbstractMessageListenerContainer> serverNamedQueueContainers() {
		return this.registry.getListenerContainers()
			.stream()
			.filter(AbstractMessageListenerContainer.class::isInstance)
			.map(AbstractMessageListenerContainer.class::cast)
			.filter((container) -> Arrays.stream(container.getQueueNames())
				.allMatch((name) -> name.startsWith("amq.gen-") || name.startsWith("tmp_")))
			.toList();
	}

}
