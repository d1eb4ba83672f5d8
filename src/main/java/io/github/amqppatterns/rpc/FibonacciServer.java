package io.github.amqppatterns.rpc;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The tutorial's {@code RPCServer}, over the receivers' protocol: the reply goes to the request's
 * {@code reply_to} (AMQP 1.0: an address) with its correlation id. A request without
 * {@code reply_to} is dropped, never requeued.
 */
@Component
@Conditional(RpcProperties.OnServer.class)
class FibonacciServer {

	static final String SERVER = "fib-server";

	static final String SERVER_HEADER = "x-server";

	static final String ERROR_HEADER = "x-error";

	private static final Logger logger = LoggerFactory.getLogger(FibonacciServer.class);

	private final DeliveryLog deliveryLog;

	private final int maxN;

	private final String instance;

	FibonacciServer(DeliveryLog deliveryLog, RpcProperties properties) {
		this.deliveryLog = deliveryLog;
		this.maxN = properties.maxN();
		this.instance = hostName() + ":" + ProcessHandle.current().pid();
	}

	@RabbitListener(id = SERVER, queues = RpcTopology.QUEUE, containerFactory = RpcTopology.SERVER_CONTAINER_FACTORY)
	@RabbitListener(id = SERVER + Amqp10.OVER_AMQP_1_0, queues = RpcTopology.QUEUE,
			containerFactory = RpcTopology.AMQP_1_0_SERVER_CONTAINER_FACTORY)
	@Nullable Message serve(Message request) {
		this.deliveryLog.record(MessagingPattern.RPC, SERVER, request);
		String text = PlainText.of(request);
		if (request.getMessageProperties().getReplyTo() == null) {
			logger.warn("{}  [.] Dropped a request without reply_to ('{}'): there is nowhere to send the answer",
					SERVER, PlainText.preview(text));
			return null;
		}
		int n;
		try {
			n = Fibonacci.parseN(text, this.maxN);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("{}  [.] Refused '{}': {}", SERVER, PlainText.preview(text), ex.getMessage());
			return reply(ex.getMessage()).setHeader(ERROR_HEADER, "invalid-request").build();
		}
		logger.info("{}  [.] fib({})", SERVER, n);
		return reply(Fibonacci.decimal(Fibonacci.of(n))).build();
	}

	private MessageBuilderSupport<Message> reply(String text) {
		return PlainText.message(text)
			.setHeader(SERVER_HEADER, this.instance + "/" + Thread.currentThread().getName());
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
