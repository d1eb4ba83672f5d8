package io.github.amqppatterns.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import io.github.amqppatterns.BrokerUnderTest;
import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.PlainClient;
import io.github.amqppatterns.TutorialClient;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import static io.github.amqppatterns.TutorialClient.eventually;
import static io.github.amqppatterns.TutorialClient.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tutorial 6 against a real broker: the reply timeout is 2 s here, and two consumers serve
 * {@code rpc_queue}.
 */
@IntegrationTest
class FibonacciRpcTests {

	private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(2);

	@Autowired
	TutorialClient client;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Autowired
	RabbitConnectionDetails connectionDetails;

	@Test
	void computesExactValuesThroughTheBroker() {
		Map<Integer, String> known = Map.of(0, "0", 1, "1", 2, "1", 10, "55", 30, "832040", 92,
				"7540113804746346429", 93, "12200160415121876738");
		known.forEach((n, value) -> {
			FibonacciReply reply = fib(n);
			assertThat(reply.n()).isEqualTo(n);
			assertThat(reply.value()).isEqualTo(value);
			assertThat(reply.digits()).isEqualTo(value.length());
			assertThat(reply.server()).contains(FibonacciServer.SERVER);
		});
		assertThat(fib(1000).value()).isEqualTo(FibonacciTests.byAddition(1000).toString());
		String fib100000 = FibonacciTests.byAddition(100_000).toString();
		FibonacciReply large = fib(100_000);
		assertThat(large.digits()).isEqualTo(20_899);
		assertThat(large.value()).startsWith(fib100000.substring(0, 50)).endsWith(fib100000.substring(20_849))
			.isEqualTo(fib100000);
	}

	/** {@code amqp-patterns.rpc.server.concurrency} is 2 in every integration test. */
	@Test
	void servesWithAsManyConsumersAsConfigured() {
		SimpleMessageListenerContainer server = (SimpleMessageListenerContainer) this.listeners
			.getListenerContainer(FibonacciServer.SERVER);
		eventually().untilAsserted(() -> assertThat(server.getActiveConsumerCount()).isEqualTo(2));
	}

	@Test
	void givesEachOfFiftyConcurrentCallersItsOwnAnswer() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(50);
		try {
			List<CompletableFuture<FibonacciReply>> calls = IntStream.rangeClosed(1, 50)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> fib(i * 20), callers))
				.toList();
			for (int i = 1; i <= 50; i++) {
				FibonacciReply reply = calls.get(i - 1).get(30, TimeUnit.SECONDS);
				assertThat(reply.n()).isEqualTo(i * 20);
				assertThat(reply.value()).isEqualTo(Fibonacci.of(i * 20).toString());
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void spreadsConcurrentRequestsOverTheServers() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(6);
		try {
			List<CompletableFuture<FibonacciReply>> calls = IntStream.range(0, 6)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> fib(300_000 - i), callers))
				.toList();
			List<String> servers = calls.stream().map(CompletableFuture::join).map(FibonacciReply::server).toList();
			assertThat(servers.stream().distinct()).hasSize(2);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void answers503AtOnceWhenNoServerConsumesAndLeavesTheRequestToExpire() {
		this.listeners.getListenerContainer(FibonacciServer.SERVER).stop();
		try {
			long started = System.nanoTime();
			expectProblem(this.client.http().get().uri("/api/fib/30").exchange(), 503,
					"No RPC server consumes 'rpc_queue'");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
			// sent before the client asked whether a server is there; it expires at the reply timeout
			assertThat(this.amqpAdmin.getQueueInfo(RpcTopology.QUEUE).getMessageCount()).isEqualTo(1);
		}
		finally {
			this.listeners.getListenerContainer(FibonacciServer.SERVER).start();
			eventually().until(() -> this.amqpAdmin.getQueueInfo(RpcTopology.QUEUE).getMessageCount() == 0);
		}
	}

	@Test
	void waitsPastTheServerCheckForAServerThatIsSlowToAnswer() throws Exception {
		Duration slowness = Duration.ofMillis(600); // amqp-patterns.rpc.server-check-after is 100 ms
		this.listeners.getListenerContainer(FibonacciServer.SERVER).stop();
		ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection()) {
			Channel channel = connection.createChannel();
			channel.basicQos(1);
			channel.basicConsume(RpcTopology.QUEUE, false, (tag, request) -> later.schedule(() -> {
				AMQP.BasicProperties properties = request.getProperties();
				channel.basicPublish("", properties.getReplyTo(),
						new AMQP.BasicProperties.Builder().correlationId(properties.getCorrelationId()).build(),
						"832040".getBytes(StandardCharsets.UTF_8));
				channel.basicAck(request.getEnvelope().getDeliveryTag(), false);
				return null;
			}, slowness.toMillis(), TimeUnit.MILLISECONDS), (tag) -> {
			});

			long started = System.nanoTime();
			FibonacciReply reply = fib(30);
			assertThat(reply.value()).isEqualTo("832040");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(slowness);
		}
		finally {
			later.shutdownNow();
			this.listeners.getListenerContainer(FibonacciServer.SERVER).start();
		}
	}

	@Test
	void answers504AfterTheReplyTimeoutAndTheLateRequestIsNeverComputed() throws Exception {
		this.listeners.getListenerContainer(FibonacciServer.SERVER).stop();
		BlockingQueue<Delivery> taken = new LinkedBlockingQueue<>();
		try {
			try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection()) {
				// a server that takes requests and never answers
				Channel channel = connection.createChannel();
				channel.basicQos(1);
				channel.basicConsume(RpcTopology.QUEUE, false, (tag, delivery) -> taken.add(delivery), (tag) -> {
				});

				long calledAt = System.currentTimeMillis();
				long started = System.nanoTime();
				expectProblem(this.client.http().get().uri("/api/fib/31").exchange(), 504,
						"No reply to fib(31) within PT2S");
				Duration waited = Duration.ofNanos(System.nanoTime() - started);
				assertThat(waited).isBetween(REPLY_TIMEOUT, REPLY_TIMEOUT.plusMillis(750));

				Delivery request = taken.poll(5, TimeUnit.SECONDS);
				assertThat(request).isNotNull();
				String expiration = request.getProperties().getExpiration();
				if (BrokerUnderTest.isEmbedded()) {
					// Qpid reads the field as a point in time: the caller's deadline
					assertThat(Long.parseLong(expiration)).isBetween(calledAt + REPLY_TIMEOUT.toMillis(),
							calledAt + REPLY_TIMEOUT.toMillis() + 1000);
				}
				else {
					assertThat(expiration).isEqualTo(Long.toString(REPLY_TIMEOUT.toMillis()));
				}
				String messageId = request.getProperties().getMessageId();
				// closing the silent server's channel puts the unanswered request back, expired by now
				channel.close();

				this.listeners.getListenerContainer(FibonacciServer.SERVER).start();
				Awaitility.await()
					.during(Duration.ofSeconds(1))
					.atMost(Duration.ofSeconds(3))
					.until(() -> this.client.deliveries(MessagingPattern.RPC, (d) -> messageId.equals(d.messageId()))
						.isEmpty());
				eventually().until(() -> this.amqpAdmin.getQueueInfo(RpcTopology.QUEUE).getMessageCount() == 0);
			}
		}
		finally {
			this.listeners.getListenerContainer(FibonacciServer.SERVER).start();
		}
	}

	@Test
	void answersAPlainTutorialClient() throws Exception {
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection();
				Channel channel = connection.createChannel()) {
			Delivery reply = plainCall(channel, "30");
			assertThat(new String(reply.getBody(), StandardCharsets.UTF_8)).isEqualTo("832040");
			assertThat(reply.getProperties().getContentType()).isEqualTo("text/plain");
			assertThat(reply.getProperties().getHeaders()).doesNotContainKey(FibonacciServer.ERROR_HEADER);

			Delivery error = plainCall(channel, "abc");
			assertThat(error.getProperties().getHeaders()).containsKey(FibonacciServer.ERROR_HEADER);
			assertThat(new String(error.getBody(), StandardCharsets.UTF_8)).contains("got 'abc'");
		}
	}

	@Test
	void dropsARequestWithoutReplyToOnceInsteadOfRequeueingIt() throws Exception {
		String messageId = UUID.randomUUID().toString();
		try (Connection connection = PlainClient.connectionFactory(this.connectionDetails).newConnection();
				Channel channel = connection.createChannel()) {
			channel.basicPublish("", RpcTopology.QUEUE,
					new AMQP.BasicProperties.Builder().messageId(messageId).build(),
					"30".getBytes(StandardCharsets.UTF_8));
		}

		eventually().until(() -> !this.client.deliveries(MessagingPattern.RPC, (d) -> messageId.equals(d.messageId()))
			.isEmpty());
		Awaitility.await()
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> this.client.deliveries(MessagingPattern.RPC, (d) -> messageId.equals(d.messageId()))
				.size() == 1);
		assertThat(this.amqpAdmin.getQueueInfo(RpcTopology.QUEUE).getMessageCount()).isZero();
	}

	/** The tutorial's RPC client: a server-named exclusive callback queue and a correlation id. */
	private static Delivery plainCall(Channel channel, String body) throws Exception {
		String callbackQueue = channel.queueDeclare().getQueue();
		String correlationId = UUID.randomUUID().toString();
		BlockingQueue<Delivery> replies = new LinkedBlockingQueue<>();
		String tag = channel.basicConsume(callbackQueue, true, (consumerTag, delivery) -> {
			if (correlationId.equals(delivery.getProperties().getCorrelationId())) {
				replies.add(delivery);
			}
		}, (consumerTag) -> {
		});
		channel.basicPublish("", RpcTopology.QUEUE,
				new AMQP.BasicProperties.Builder().correlationId(correlationId).replyTo(callbackQueue).build(),
				body.getBytes(StandardCharsets.UTF_8));
		Delivery reply = replies.poll(10, TimeUnit.SECONDS);
		channel.basicCancel(tag);
		assertThat(reply).as("reply to %s", body).isNotNull();
		return reply;
	}

	private FibonacciReply fib(int n) {
		return this.client.get("/api/fib/{n}", FibonacciReply.class, n);
	}

}
