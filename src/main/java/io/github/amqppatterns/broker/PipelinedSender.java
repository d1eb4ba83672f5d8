package io.github.amqppatterns.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the service's messages through one channel, held by one thread, with many confirms in
 * flight: the third strategy of the publisher confirms tutorial ("handle confirms
 * asynchronously"), which the broker serves far more cheaply than one message at a time on each of
 * many channels. The thread that asked for a send waits for its own message's confirm, on its
 * {@link CorrelationData}, as it would have after a {@code convertAndSend} of its own.
 * <p>
 * Why not a channel per request, as {@code RabbitTemplate} gives out: a channel with a confirm
 * outstanding is not reused until the confirm arrives, so 32 concurrent requests keep 32 channels
 * with one message each, and the broker spends about half again as much per message
 * (bench/README.md, scenario 1). The price of sharing: when the broker closes the channel (a
 * publish to an exchange someone deleted, say), every message then in flight on it is nacked, and
 * each of their requests gets a 503; none is reported as taken.
 * <p>
 * The queue in front of the thread holds at most one message per waiting request (each waits for
 * its confirm), so it is bounded by the web server's threads. Between messages the thread checks
 * its channel: one the broker closed is given up, and the next message goes out on a new one.
 * When no channel can be had (the broker is down), the message in hand and every message then
 * waiting fail at once with that cause, a 503. The thread gives the channel back after a second
 * with nothing to send. It stops after the web server, once everything queued is sent; a send
 * after that is refused.
 */
@Component
class PipelinedSender implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PipelinedSender.class);

	/** How long the thread keeps its channel with nothing to send. */
	private static final long IDLE_MILLIS = 1000;

	private final RabbitTemplate rabbitTemplate;

	private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	PipelinedSender(RabbitTemplate rabbitTemplate) {
		this.rabbitTemplate = rabbitTemplate;
	}

	/**
	 * Sends a message: its {@code correlation}'s future completes with the broker's confirm, or
	 * exceptionally with the {@code AmqpException} that kept it from being sent.
	 */
	void send(String exchange, String routingKey, Message message, CorrelationData correlation) {
		Thread sender = this.thread;
		if (!this.running || sender == null || !sender.isAlive()) {
			throw new PublishFailedException("The service is stopping, or its sending thread has died (see the log); "
					+ "nothing was published");
		}
		this.queue.add(new Outgoing(exchange, routingKey, message, correlation));
	}

	private void sendUntilStopped() {
		while (this.running || !this.queue.isEmpty()) {
			Outgoing next = next();
			while (next != null) {
				next = sendOnOneChannel(next);
			}
			if (Thread.currentThread().isInterrupted()) {
				break;
			}
		}
		failWaiting(new PublishFailedException("The service stopped before sending the message"));
	}

	/**
	 * Sends {@code first}, then whatever comes, on one channel until nothing comes for a while.
	 * Returns the message in hand when the broker has closed the channel, to send on a new one.
	 */
	private @Nullable Outgoing sendOnOneChannel(Outgoing first) {
		Outgoing[] inHand = { first };
		try {
			return this.rabbitTemplate.invoke((operations) -> {
				Channel channel = Objects.requireNonNull(operations.execute((own) -> own)); // this invoke's
				while (true) {
					Outgoing outgoing = inHand[0];
					operations.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(),
							outgoing.correlation());
					inHand[0] = next();
					if (inHand[0] == null || !channel.isOpen()) {
						return inHand[0];
					}
				}
			});
		}
		catch (RuntimeException ex) {
			Outgoing failed = inHand[0];
			if (failed != null) {
				failed.correlation().getFuture().completeExceptionally(ex);
			}
			int others = failWaiting(ex);
			logger.debug("Could not send {} message(s): {}", (failed != null) ? others + 1 : others, ex.toString());
			return null;
		}
	}

	/**
	 * The next message, once it comes; none after a second without one, when stopping and none is
	 * left, or when interrupted.
	 */
	private @Nullable Outgoing next() {
		try {
			return this.queue.poll(this.running ? IDLE_MILLIS : 0, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private int failWaiting(RuntimeException cause) {
		List<Outgoing> waiting = new ArrayList<>();
		this.queue.drainTo(waiting);
		waiting.forEach((outgoing) -> outgoing.correlation().getFuture().completeExceptionally(cause));
		return waiting.size();
	}

	@Override
	public void start() {
		this.running = true;
		Thread sender = new Thread(this::sendUntilStopped, "amqp-sender");
		sender.setDaemon(true);
		sender.setUncaughtExceptionHandler((thread, ex) -> logger
			.error("The sending thread died: every publish fails from now on, until the service restarts", ex));
		sender.start();
		this.thread = sender;
	}

	@Override
	public void stop() {
		this.running = false;
		Thread sender = this.thread;
		if (sender != null) {
			try {
				sender.join(2 * IDLE_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the web server's graceful shutdown and stop: the requests it lets finish still send. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private record Outgoing(String exchange, String routingKey, Message message, CorrelationData correlation) {
	}

}
