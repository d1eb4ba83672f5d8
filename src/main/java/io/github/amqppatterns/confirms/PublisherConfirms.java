package io.github.amqppatterns.confirms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.broker.Protocol;
import io.github.amqppatterns.broker.PublishFailedException;
import io.github.amqppatterns.web.OneAtATime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbitmq.client.RabbitAmqpTemplate;
import org.springframework.stereotype.Component;

/**
 * Tutorial 7, "Publisher Confirms". Over AMQP 0-9-1 with correlated confirms: each message's
 * {@link CorrelationData} future completes with the broker's ack or nack. Over AMQP 1.0 each send's
 * future from {@link RabbitAmqpTemplate} completes with the broker's outcome: {@code ACCEPTED} counts
 * as acked, {@code REJECTED} or {@code RELEASED} as nacked. The strategies differ only in when they wait.
 * A run publishes to a server-named queue of its own, deleted afterwards; one run at a time.
 */
@Component
class PublisherConfirms {

	private static final Logger logger = LoggerFactory.getLogger(PublisherConfirms.class);

	private final RabbitTemplate rabbitTemplate;

	private final RabbitAmqpTemplate amqp10Template;

	private final Amqp10 amqp10;

	private final AmqpAdmin amqpAdmin;

	private final ConfirmsProperties properties;

	private final OneAtATime runs = new OneAtATime("A publisher-confirms run");

	PublisherConfirms(RabbitTemplate rabbitTemplate, RabbitAmqpTemplate amqp10Template, Amqp10 amqp10,
			AmqpAdmin amqpAdmin, ConfirmsProperties properties) {
		this.rabbitTemplate = rabbitTemplate;
		this.amqp10Template = amqp10Template;
		this.amqp10 = amqp10;
		this.amqpAdmin = amqpAdmin;
		this.properties = properties;
	}

	ConfirmsRun run(Protocol protocol, ConfirmStrategy strategy, int count) {
		if (protocol == Protocol.AMQP_1_0) {
			this.amqp10.require();
		}
		return this.runs.run(() -> {
			Queue queue = this.amqpAdmin.declareQueue();
			if (queue == null) {
				throw new IllegalStateException("The broker declared no queue for the run");
			}
			try {
				return run(protocol, strategy, count, queue.getName());
			}
			finally {
				this.amqpAdmin.deleteQueue(queue.getName());
			}
		});
	}

	private ConfirmsRun run(Protocol protocol, ConfirmStrategy strategy, int count, String queue) {
		Tally tally = new Tally();
		long timeout = this.properties.timeout().toMillis();
		long started = System.nanoTime();
		switch (strategy) {
			case INDIVIDUAL -> {
				for (int i = 0; i < count; i++) {
					tally.await(List.of(publish(protocol, queue, i)), timeout);
				}
			}
			case BATCH -> {
				List<CompletableFuture<CorrelationData.Confirm>> batch = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					batch.add(publish(protocol, queue, i));
					if (batch.size() == this.properties.batchSize() || i == count - 1) {
						tally.await(batch, timeout);
						batch.clear();
					}
				}
			}
			case ASYNC -> {
				// each message's future stands for the tutorial's map of outstanding confirms
				CountDownLatch resolved = new CountDownLatch(count);
				for (int i = 0; i < count; i++) {
					publish(protocol, queue, i).whenComplete((confirm, failure) -> {
						tally.count(confirm);
						resolved.countDown();
					});
				}
				try {
					resolved.await(timeout, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
		long nanos = System.nanoTime() - started;
		long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
		int unconfirmed = count - tally.acked() - tally.nacked();
		logger.info("Published {} messages with {} confirms in {} ms over {} ({} acked, {} nacked, {} unconfirmed)",
				count, strategy.id(), millis, protocol.label(), tally.acked(), tally.nacked(), unconfirmed);
		return new ConfirmsRun(protocol.id(), strategy.id(), count,
				(strategy == ConfirmStrategy.BATCH) ? this.properties.batchSize() : null, tally.acked(),
				tally.nacked(), unconfirmed, millis, (nanos > 0) ? Math.round(tally.acked() * 1e9 / nanos) : 0);
	}

	private CompletableFuture<CorrelationData.Confirm> publish(Protocol protocol, String queue, int sequence) {
		Message message = PlainText.message(Integer.toString(sequence))
			.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT)
			.build();
		if (protocol == Protocol.AMQP_1_0) {
			return this.amqp10Template.send(queue, message)
				.handle((accepted, refused) -> new CorrelationData.Confirm(refused == null,
						(refused != null) ? refused.getMessage() : null));
		}
		CorrelationData correlation = new CorrelationData(Integer.toString(sequence));
		this.rabbitTemplate.send("", queue, message, correlation);
		return correlation.getFuture();
	}

	/** The confirms a run got: acked, nacked, and by difference those that never came. */
	static final class Tally {

		private final AtomicInteger acked = new AtomicInteger();

		private final AtomicInteger nacked = new AtomicInteger();

		void count(CorrelationData.@Nullable Confirm confirm) {
			if (confirm != null && confirm.ack()) {
				this.acked.incrementAndGet();
			}
			else if (confirm != null) {
				this.nacked.incrementAndGet();
			}
		}

		/** Counts the confirms that come within {@code millis}, past any that fail or never come. */
		void await(List<CompletableFuture<CorrelationData.Confirm>> confirms, long millis) {
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
			for (CompletableFuture<CorrelationData.Confirm> confirm : confirms) {
				try {
					count(PublishFailedException.await(confirm, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
							"amqp-patterns.confirms.timeout", "a message of the run"));
				}
				catch (PublishFailedException | AmqpException ex) {
					// uncounted
				}
			}
		}

		int acked() {
			return this.acked.get();
		}

		int nacked() {
			return this.nacked.get();
		}

	}

}
