package io.github.amqppatterns.broker;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The event loop of the RabbitMQ Java client's Netty transport ({@code amqp-patterns.client-nio}):
 * one thread, {@code amqp-client-io-…}, that reads and writes every connection of the service.
 * <p>
 * The service owns it rather than leaving it to the client: given none, the client makes an event
 * loop for every connection it opens and does not shut it down when the connect fails, so a
 * service reconnecting through a broker outage would leak a thread and its file descriptors on
 * every attempt (bench/README.md, "1b on a fast machine"). It is created before the connection
 * factory that uses it (through {@link BrokerConfiguration#nioClientWhereConfigured}), and so shut
 * down after that factory has closed its connections.
 */
final class ClientEventLoop implements DisposableBean {

	private static final long SHUTDOWN_SECONDS = 5;

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
			new DefaultThreadFactory("amqp-client-io", true), NioIoHandler.newFactory());

	EventLoopGroup group() {
		return this.group;
	}

	@Override
	public void destroy() {
		this.group.shutdownGracefully(0, SHUTDOWN_SECONDS, TimeUnit.SECONDS)
			.awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
	}

}
