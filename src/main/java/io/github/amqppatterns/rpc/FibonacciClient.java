package io.github.amqppatterns.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.live.LiveEvent;
import io.github.amqppatterns.live.LiveEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The tutorial's {@code RPCClient}: sends n to {@code rpc_queue} and waits for the reply.
 * {@link RabbitTemplate#sendAndReceive} sets {@code reply_to} and {@code correlation_id} and
 * matches the reply to its caller; it uses direct reply-to where the broker has it, and a
 * temporary reply queue per call where it does not.
 */
@Component
@ConditionalOnBooleanProperty(name = "amqp-patterns.rpc.client.enabled", matchIfMissing = true)
class FibonacciClient {

	private static final Logger logger = LoggerFactory.getLogger(FibonacciClient.class);

	private final RabbitTemplate rabbitTemplate;

	private final AmqpAdmin amqpAdmin;

	private final BrokerInUse broker;

	private final Duration replyTimeout;

	private final LiveEvents live;

	FibonacciClient(RabbitTemplate rabbitTemplate, AmqpAdmin amqpAdmin, BrokerInUse broker, RpcProperties properties,
			LiveEvents live) {
		this.rabbitTemplate = rabbitTemplate;
		this.amqpAdmin = amqpAdmin;
		this.broker = broker;
		this.replyTimeout = properties.replyTimeout();
		this.live = live;
	}

	FibonacciReply call(int n) {
		QueueInformation queue = this.amqpAdmin.getQueueInfo(RpcTopology.QUEUE);
		if (queue == null || queue.getConsumerCount() == 0) {
			throw new RpcFailure(RpcFailure.Kind.NO_SERVER, "No RPC server consumes '" + RpcTopology.QUEUE
					+ "': start one (amqp-patterns.rpc.server.enabled=true) and try again");
		}
		Message request = PlainText.message(Integer.toString(n))
			.setMessageId(UUID.randomUUID().toString())
			// the broker drops a request nobody waits for any more, before a server computes it
			.setExpiration(this.broker.expiration(this.replyTimeout))
			.build();
		logger.info(" [x] Requesting fib({})", n);
		this.live.publish(() -> LiveEvent.rpc("rpc-request", RpcTopology.QUEUE, Integer.toString(n), null));
		long started = System.nanoTime();
		Message reply = this.rabbitTemplate.sendAndReceive("", RpcTopology.QUEUE, request);
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		if (reply == null) {
			this.live.publish(() -> LiveEvent.rpc("rpc-timeout", RpcTopology.QUEUE, Integer.toString(n), millis));
			throw new RpcFailure(RpcFailure.Kind.TIMEOUT, "No reply to fib(" + n + ") within " + this.replyTimeout
					+ " (amqp-patterns.rpc.reply-timeout); the request expires unanswered");
		}
		String body = PlainText.of(reply);
		MessageProperties properties = reply.getMessageProperties();
		if (properties.getHeader(FibonacciServer.ERROR_HEADER) != null) {
			throw new RpcFailure(RpcFailure.Kind.REFUSED, "The RPC server refused fib(" + n + "): " + body);
		}
		logger.info(" [.] Got {}", PlainText.preview(body));
		this.live.publish(() -> LiveEvent.rpc("rpc-reply", RpcTopology.QUEUE, body, millis));
		String server = Objects.toString(properties.getHeader(FibonacciServer.SERVER_HEADER), "unknown");
		return new FibonacciReply(n, body, body.length(), server, millis);
	}

}
