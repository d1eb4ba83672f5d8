package io.github.amqppatterns.rpc;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.BrokerInUse;
import io.github.amqppatterns.broker.LiveEvent;
import io.github.amqppatterns.broker.LiveEvents;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AmqpReplyTimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;
import org.springframework.amqp.rabbitmq.client.RabbitAmqpTemplate;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The tutorial's {@code RPCClient}. Over AMQP 0-9-1, {@link AsyncRabbitTemplate} sets
 * {@code reply_to} and {@code correlation_id}; over AMQP 1.0, {@link RabbitAmqpTemplate}'s
 * request/reply does, with the client's requester (direct reply-to from RabbitMQ 4.2). Either
 * future lets a slow call ask whether any server is there at all.
 */
@Component
@Conditional(RpcProperties.OnClient.class)
class FibonacciClient {

	private static final Logger logger = LoggerFactory.getLogger(FibonacciClient.class);

	private final AsyncRabbitTemplate rpcTemplate;

	private final RabbitAmqpTemplate amqp10Template;

	private final Amqp10 amqp10;

	private final AmqpAdmin amqpAdmin;

	private final BrokerInUse broker;

	private final RpcProperties properties;

	private final LiveEvents live;

	FibonacciClient(AsyncRabbitTemplate rpcTemplate, RabbitAmqpTemplate amqp10Template, Amqp10 amqp10,
			AmqpAdmin amqpAdmin, BrokerInUse broker, RpcProperties properties, LiveEvents live) {
		this.rpcTemplate = rpcTemplate;
		this.amqp10Template = amqp10Template;
		// the template's request/reply, which only this client uses, gives up with it
		this.amqp10Template.setCompletionTimeout(properties.replyTimeout());
		this.amqp10 = amqp10;
		this.amqpAdmin = amqpAdmin;
		this.broker = broker;
		this.properties = properties;
		this.live = live;
	}

	FibonacciReply call(int n, Protocol protocol) {
		if (protocol == Protocol.AMQP_1_0) {
			this.amqp10.require();
		}
		String messageId = UUID.randomUUID().toString();
		Message request = PlainText.message(Integer.toString(n))
			.setMessageId(messageId)
			// the broker drops a request nobody waits for any more, before a server computes it
			.setExpiration(this.broker.expiration(this.properties.replyTimeout()))
			.build();
		logger.info(" [x] Requesting fib({}){}", n, (protocol == Protocol.AMQP_1_0) ? " over AMQP 1.0" : "");
		this.live.publish(() -> LiveEvent.rpc("rpc-request", protocol, RpcTopology.QUEUE, messageId,
				Integer.toString(n), null));
		long started = System.nanoTime();
		Message reply = awaitReply((protocol == Protocol.AMQP_1_0)
				? this.amqp10Template.sendAndReceive(RpcTopology.QUEUE, request)
				: this.rpcTemplate.sendAndReceive("", RpcTopology.QUEUE, request));
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		if (reply == null) {
			this.live.publish(
					() -> LiveEvent.rpc("rpc-timeout", protocol, RpcTopology.QUEUE, messageId, Integer.toString(n),
							millis));
			throw new RpcFailure(HttpStatus.GATEWAY_TIMEOUT, "No reply to fib(" + n + ") within "
					+ this.properties.replyTimeout() + " (amqp-patterns.rpc.reply-timeout); the request expires "
					+ "unanswered");
		}
		String body = PlainText.of(reply);
		MessageProperties properties = reply.getMessageProperties();
		if (properties.getHeader(FibonacciServer.ERROR_HEADER) != null) {
			throw new RpcFailure(HttpStatus.BAD_REQUEST, "The RPC server refused fib(" + n + "): " + body);
		}
		logger.info(" [.] Got {}", PlainText.preview(body));
		this.live.publish(() -> LiveEvent.rpc("rpc-reply", protocol, RpcTopology.QUEUE, messageId, body, millis));
		String server = Objects.toString(properties.getHeader(FibonacciServer.SERVER_HEADER), "unknown");
		return new FibonacciReply(n, body, body.length(), server, millis, messageId);
	}

	/** The reply, or {@code null} at the reply timeout; a 503 early if nobody consumes the queue. */
	private @Nullable Message awaitReply(CompletableFuture<Message> future) {
		try {
			try {
				return future.get(this.properties.serverCheckAfter().toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException slow) {
				QueueInformation queue = this.amqpAdmin.getQueueInfo(RpcTopology.QUEUE);
				if (queue == null || queue.getConsumerCount() == 0) {
					future.cancel(false);
					throw new RpcFailure(HttpStatus.SERVICE_UNAVAILABLE, "No RPC server consumes '"
							+ RpcTopology.QUEUE + "': start one (amqp-patterns.rpc.server.enabled=true) and try again");
				}
				// the template completes the future at the reply timeout; this bound is a safety net
				return future.get(this.properties.replyTimeout().toNanos(), TimeUnit.NANOSECONDS);
			}
		}
		catch (ExecutionException ex) {
			// AMQP 0-9-1's template times out with its own exception, AMQP 1.0's future with the JDK's
			if (ex.getCause() instanceof AmqpReplyTimeoutException || ex.getCause() instanceof TimeoutException) {
				return null;
			}
			throw (ex.getCause() instanceof AmqpException amqp) ? amqp
					: new AmqpException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(false);
			throw new AmqpException("Interrupted while waiting for the reply", ex);
		}
	}

	static class RpcFailure extends ApiException {

		RpcFailure(HttpStatus status, String message) {
			super(status, status.getReasonPhrase(), message);
		}

	}

}
