package io.github.amqppatterns.rpc;

import io.github.amqppatterns.IntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance can be an RPC server only or a client only, so that several servers share the
 * load. Contexts of their own, with no listener started and closed afterwards, so that no second
 * set of consumers competes with the shared context's.
 */
class RpcRolesTests {

	@Nested
	@IntegrationTest
	@TestPropertySource(properties = { "amqp-patterns.rpc.client.enabled=false",
			"spring.rabbitmq.listener.simple.auto-startup=false",
			"spring.rabbitmq.listener.direct.auto-startup=false" })
	@DirtiesContext
	class ServerOnly {

		@Autowired
		ApplicationContext context;

		@Autowired
		RabbitListenerEndpointRegistry listeners;

		@Autowired
		RestTestClient client;

		@Test
		void servesRpcQueueWithoutTheHttpEndpoint() {
			assertThat(this.listeners.getListenerContainer(FibonacciServer.SERVER)).isNotNull();
			assertThat(this.context.getBeanNamesForType(FibonacciController.class)).isEmpty();
			this.client.get().uri("/api/fib/30").exchange().expectStatus().isNotFound();
		}

	}

	@Nested
	@IntegrationTest
	@TestPropertySource(properties = { "amqp-patterns.rpc.server.enabled=false",
			"spring.rabbitmq.listener.simple.auto-startup=false",
			"spring.rabbitmq.listener.direct.auto-startup=false" })
	@DirtiesContext
	class ClientOnly {

		@Autowired
		ApplicationContext context;

		@Autowired
		RabbitListenerEndpointRegistry listeners;

		@Test
		void offersTheHttpEndpointWithoutServing() {
			assertThat(this.listeners.getListenerContainer(FibonacciServer.SERVER)).isNull();
			assertThat(this.context.getBeanNamesForType(FibonacciController.class)).hasSize(1);
			assertThat(this.context.getBeanNamesForType(FibonacciServer.class)).isEmpty();
		}

	}

}
