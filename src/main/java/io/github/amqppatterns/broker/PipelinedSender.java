package io.github.amqppatterns.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpResourceNotAvailableException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;
import org.springframework.context.SmartLifecycle;

/**
 * Sends the service's messages through one channel, held by one thread, with many confirms in
 * flight: the third strategy of the publisher confirms tutorial ("handle confirms
 * asynchronously"), as its Java client writes it: a channel in confirm mode, a map of the
 * messages in flight by sequence number, and a listener that completes them as the broker's acks
 * and nacks arrive (several at once when the broker confirms them together). The thread that
 * asked for a send waits for its own message's confirm, on its {@link CorrelationData}, as it
 * would have after a {@code RabbitTemplate} send.
 * <p>
 * Why not {@code RabbitTemplate}, as everywhere else in the service:
 * <ul>
 * <li>It gives out a channel per request, and a channel with a confirm outstanding is not reused
 * until the confirm arrives: 32 concurrent requests keep 32 channels with one message each, and
 * the broker spends about half again as much per message (bench/README.md, scenario 1).</li>
 * <li>With correlated confirms and returns, it adds two headers of its own to every message
 * ({@code spring_listener_return_correlation}, {@code spring_returned_message_correlation}), to
 * match a return to its send. Every consumer, in any language, would see them; the tutorials'
 * senders send none. Here a return is matched by the message's own {@code message_id}, which
 * every message of the service has: the broker sends a message's return before its confirm, on
 * the same channel.</li>
 * </ul>
 * The channel is opened on Boot's connection, so every connection setting of
 * {@code spring.rabbitmq.*} applies to it ({@code spring.rabbitmq.template.*} does not), but
 * outside Spring's channel cache: it is this thread's alone, and its listeners are only these.
 * <p>
 * The queue in front of the thread holds at most one message per waiting request (each waits for
 * its confirm), so it is bounded by the web server's threads. When the broker closes the channel
 * (a publish to an exchange someone deleted, say) or the connection drops, every message then in
 * flight on it is nacked, and each of their requests gets a 503; none is reported as taken. The
 * next message goes out on a new channel. When no channel can be had (the broker is down), the
 * message in hand and every message then waiting fail at once with that cause, a 503. The thread
 * stops after the web server, once everything queued is sent and confirmed; a send after that is
 * refused.
 */
class PipelinedSender implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PipelinedSender.class);

	/** How often an idle thread checks whether it should stop. */
	private static final long IDLE_MILLIS = 1000;

	/** How long a stopping thread waits for the confirms still in flight before it closes its channel. */
	private static final long STOP_CONFIRMS_MILLIS = 2000;

	private final ConnectionFactory connectionFactory;

	private final boolean mandatory;

	private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	/**
	 * @param mandatory whether messages are published {@code mandatory}, so that the broker returns
	 * one no queue takes (where the broker in use does)
	 */
	PipelinedSender(ConnectionFactory connectionFactory, boolean mandatory) {
		this.connectionFactory = connectionFactory;
		this.mandatory = mandatory;
	}

	/**
	 * Sends a message: its {@code correlation}'s future completes with the broker's confirm, or
	 * exceptionally with the {@link AmqpException} that kept it from being sent. Where the broker
	 * returned the message (no queue took it), {@link CorrelationData#getReturned()} holds it by
	 * then.
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
		ConfirmedChannel channel = null;
		try {
			while (this.running || !this.queue.isEmpty()) {
				Outgoing next = next();
				if (next != null) {
					channel = send(channel, next);
				}
				else if (Thread.currentThread().isInterrupted()) {
					break;
				}
			}
		}
		finally {
			if (channel != null) {
				channel.close();
			}
			failWaiting(new PublishFailedException("The service stopped before sending the message"));
		}
	}

	/**
	 * Sends {@code outgoing} on {@code channel}, or on a new one where the broker has closed it;
	 * returns the channel to send the next message on.
	 */
	private @Nullable ConfirmedChannel send(@Nullable ConfirmedChannel channel, Outgoing outgoing) {
		ConfirmedChannel open = channel;
		try {
			for (int attempt = 0; attempt < 2; attempt++) { // a channel closed under the publish: once more
				if (open == null || !open.isOpen()) {
					open = ConfirmedChannel.open(this.connectionFactory);
				}
				if (open.publish(outgoing, this.mandatory)) {
					return open;
				}
			}
			throw new AmqpResourceNotAvailableException("The broker closed a new channel at once");
		}
		catch (RuntimeException ex) {
			outgoing.correlation().getFuture().completeExceptionally(ex);
			int others = failWaiting(ex);
			logger.debug("Could not send {} message(s): {}", others + 1, ex.toString());
			return open;
		}
	}

	/** The next message, once it comes; none after a second without one, or when interrupted. */
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
				sender.join(IDLE_MILLIS + STOP_CONFIRMS_MILLIS + 1000);
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

		@Nullable String messageId() {
			return this.message.getMessageProperties().getMessageId();
		}

	}

	/**
	 * A channel in confirm mode and its messages in flight, by publish sequence number. Published
	 * on by the sending thread; confirmed, returned and shut down on the client's connection thread.
	 */
	private static final class ConfirmedChannel {

		private static final MessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();

		private final Channel channel;

		private final ConcurrentNavigableMap<Long, Outgoing> inFlight = new ConcurrentSkipListMap<>();

		private ConfirmedChannel(Channel channel) {
			this.channel = channel;
		}

		/** A new channel on the service's connection (opened again if it was lost), in confirm mode. */
		static ConfirmedChannel open(ConnectionFactory connectionFactory) {
			try {
				Channel channel = connectionFactory.createConnection().getDelegate().createChannel();
				if (channel == null) {
					throw new AmqpResourceNotAvailableException("The connection has no channel left (channel_max)");
				}
				ConfirmedChannel confirmed = new ConfirmedChannel(channel);
				channel.addShutdownListener(confirmed::closed);
				channel.addConfirmListener((tag, multiple) -> confirmed.confirmed(tag, multiple, true),
						(tag, multiple) -> confirmed.confirmed(tag, multiple, false));
				channel.addReturnListener(confirmed::returned);
				channel.confirmSelect();
				return confirmed;
			}
			catch (IOException | ShutdownSignalException ex) {
				throw RabbitExceptionTranslator.convertRabbitAccessException(ex);
			}
		}

		boolean isOpen() {
			return this.channel.isOpen();
		}

		/** Publishes the message; false when the channel was closed before it went out. */
		boolean publish(Outgoing outgoing, boolean mandatory) {
			long sequence = this.channel.getNextPublishSeqNo();
			this.inFlight.put(sequence, outgoing);
			try {
				Message message = outgoing.message();
				AMQP.BasicProperties basicProperties = properties.fromMessageProperties(message.getMessageProperties(),
						StandardCharsets.UTF_8.name());
				this.channel.basicPublish(outgoing.exchange(), outgoing.routingKey(), mandatory, basicProperties,
						message.getBody());
				return true;
			}
			catch (IOException | ShutdownSignalException ex) {
				if (this.inFlight.remove(sequence) == null) { // failed with the channel's other messages
					return true;
				}
				if (!this.channel.isOpen()) {
					return false;
				}
				throw RabbitExceptionTranslator.convertRabbitAccessException(ex);
			}
		}

		/** The broker's ack or nack of one message or, with {@code multiple}, of every one up to it. */
		private void confirmed(long sequence, boolean multiple, boolean ack) {
			if (multiple) {
				Map<Long, Outgoing> confirmed = this.inFlight.headMap(sequence, true);
				confirmed.values().forEach((outgoing) -> complete(outgoing, ack, null));
				confirmed.clear();
			}
			else {
				Outgoing outgoing = this.inFlight.remove(sequence);
				if (outgoing != null) {
					complete(outgoing, ack, null);
				}
			}
		}

		/**
		 * A message no queue took, returned before its confirm: the oldest message in flight with
		 * its {@code message_id} that is not returned yet.
		 */
		private void returned(int replyCode, String replyText, String exchange, String routingKey,
				AMQP.BasicProperties basicProperties, byte[] body) {
			String messageId = basicProperties.getMessageId();
			for (Outgoing outgoing : this.inFlight.values()) {
				if (Objects.equals(outgoing.messageId(), messageId) && outgoing.correlation().getReturned() == null) {
					outgoing.correlation()
						.setReturned(new ReturnedMessage(outgoing.message(), replyCode, replyText, exchange, routingKey));
					return;
				}
			}
			logger.debug("Returned, and no message in flight has its message_id '{}'", messageId);
		}

		/** Every message still in flight is nacked: the broker may or may not have taken it. */
		private void closed(ShutdownSignalException cause) {
			String reason = "channel closed: " + cause.getMessage();
			for (Map.Entry<Long, Outgoing> entry; (entry = this.inFlight.pollFirstEntry()) != null;) {
				complete(entry.getValue(), false, reason);
			}
		}

		private static void complete(Outgoing outgoing, boolean ack, @Nullable String reason) {
			outgoing.correlation().getFuture().complete(new CorrelationData.Confirm(ack, reason));
		}

		/** Closes the channel once the messages in flight are confirmed, or after a while. */
		void close() {
			try {
				if (this.channel.isOpen()) {
					this.channel.waitForConfirms(STOP_CONFIRMS_MILLIS);
					this.channel.close();
				}
			}
			catch (IOException | TimeoutException | ShutdownSignalException ex) {
				logger.debug("Closing the sending channel: {}", ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
