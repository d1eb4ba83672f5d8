package io.github.amqppatterns.workqueues;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.amqp.Consumer;
import io.github.amqppatterns.broker.Amqp10;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.broker.PublishFailedException;
import io.github.amqppatterns.broker.PublishProperties;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.amqp.rabbitmq.client.RabbitAmqpTemplate;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * The tutorial's two {@code Worker}s, over the receivers' protocol: each settles its task only once
 * the work is done (AMQP 0-9-1: acknowledges; AMQP 1.0: accepts), so a dying worker's task goes to
 * the other. A failed task is retried, then dead-lettered and settled once the broker took the copy,
 * else requeued: {@code task_queue} has no dead-letter exchange of its own (see
 * {@link WorkQueueTopology}), so AMQP 1.0's {@code discard} would drop it. Not Boot's listener retry:
 * with its {@code MessageRecoverer} only the container could settle, and the worker's own would vanish.
 */
@Component
class Workers {

	static final String WORKER_1 = "worker-1";

	static final String WORKER_2 = "worker-2";

	static final String ATTEMPTS_HEADER = "x-attempts";

	private static final Logger logger = LoggerFactory.getLogger(Workers.class);

	private final DeliveryLog deliveryLog;

	private final WorkProperties properties;

	private final RetryTemplate retries;

	private final RepublishMessageRecovererWithConfirms deadLetterer;

	private final RabbitAmqpTemplate amqp10Template;

	private final Duration confirmTimeout;

	private final Meter.MeterProvider<Counter> attempts;

	Workers(DeliveryLog deliveryLog, WorkProperties properties, RabbitTemplate rabbitTemplate,
			RabbitAmqpTemplate amqp10Template, PublishProperties publishProperties, MeterRegistry meterRegistry) {
		this.deliveryLog = deliveryLog;
		this.attempts = Counter.builder("amqp.patterns.work.attempts")
			.description("A worker's tries of its tasks (done, failed), and the tasks it gave up on (dead-lettered)")
			.withRegistry(meterRegistry);
		this.properties = properties;
		this.retries = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(properties.maxRetries())
			.delay(properties.retryDelay())
			.multiplier(properties.retryMultiplier())
			.maxDelay(properties.retryMaxDelay())
			.excludes(InterruptedException.class)
			.build());
		this.deadLetterer = new RepublishMessageRecovererWithConfirms(rabbitTemplate,
				WorkQueueTopology.DEAD_LETTER_EXCHANGE, WorkQueueTopology.QUEUE, ConfirmType.CORRELATED);
		this.deadLetterer.setConfirmTimeout(publishProperties.confirmTimeout().toMillis());
		this.amqp10Template = amqp10Template;
		this.confirmTimeout = publishProperties.confirmTimeout();
	}

	@RabbitListener(id = WORKER_1, queues = WorkQueueTopology.QUEUE,
			containerFactory = WorkQueueTopology.CONTAINER_FACTORY)
	void worker1(String task, Message message, Channel channel) {
		work(WORKER_1, task, message, overAmqp091(channel, message));
	}

	@RabbitListener(id = WORKER_2, queues = WorkQueueTopology.QUEUE,
			containerFactory = WorkQueueTopology.CONTAINER_FACTORY)
	void worker2(String task, Message message, Channel channel) {
		work(WORKER_2, task, message, overAmqp091(channel, message));
	}

	@RabbitListener(id = WORKER_1 + Amqp10.OVER_AMQP_1_0, queues = WorkQueueTopology.QUEUE,
			containerFactory = WorkQueueTopology.AMQP_1_0_CONTAINER_FACTORY)
	void worker1OverAmqp10(String task, Message message, Consumer.Context context) {
		work(WORKER_1, task, message, overAmqp10(context));
	}

	@RabbitListener(id = WORKER_2 + Amqp10.OVER_AMQP_1_0, queues = WorkQueueTopology.QUEUE,
			containerFactory = WorkQueueTopology.AMQP_1_0_CONTAINER_FACTORY)
	void worker2OverAmqp10(String task, Message message, Consumer.Context context) {
		work(WORKER_2, task, message, overAmqp10(context));
	}

	/** AMQP 0-9-1: {@code basic.ack}, {@code basic.nack} with requeue; the republish is confirmed. */
	private Settlement overAmqp091(Channel channel, Message message) {
		long deliveryTag = message.getMessageProperties().getDeliveryTag();
		return new Settlement(() -> channel.basicAck(deliveryTag, false),
				() -> channel.basicNack(deliveryTag, false, true), this.deadLetterer::recover);
	}

	/** AMQP 1.0: the outcomes {@code accepted} and {@code released}; the republish must be accepted. */
	private Settlement overAmqp10(Consumer.Context context) {
		return new Settlement(context::accept, context::requeue, (message, failure) -> {
			message.getMessageProperties()
				.setHeader(RepublishMessageRecoverer.X_EXCEPTION_MESSAGE, failure.getMessage());
			PublishFailedException.await(this.amqp10Template.send(WorkQueueTopology.DEAD_LETTER_EXCHANGE,
					WorkQueueTopology.QUEUE, message), this.confirmTimeout, PublishProperties.CONFIRM_TIMEOUT,
					"the dead-lettered task");
		});
	}

	private void work(String worker, String task, Message message, Settlement settlement) {
		Delivery delivery = this.deliveryLog.record(MessagingPattern.WORK_QUEUES, worker, message);
		logger.info("{}  [x] Received '{}'", worker, PlainText.preview(task));
		AtomicInteger attempts = new AtomicInteger();
		try {
			this.retries.execute(() -> attempt(worker, task, delivery, attempts.incrementAndGet()));
		}
		catch (RetryException ex) {
			if (ex.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
				Thread.currentThread().interrupt();
				logger.warn("{}  [x] Stopped mid-task; unsettled, the task goes back to the queue with its "
						+ "channel or link", worker);
				return;
			}
			deadLetter(worker, delivery, message, settlement, ex.getCause(), attempts.get());
			return;
		}
		if (settled(worker, settlement.ack(), "acknowledge")) {
			this.deliveryLog.acked(delivery);
			count(worker, "done");
			logger.info("{}  [x] Done", worker);
		}
	}

	private Void attempt(String worker, String task, Delivery delivery, int attempt) throws InterruptedException {
		if (attempt > 1) {
			this.deliveryLog.retrying(delivery, attempt);
		}
		try {
			if (task.contains(PoisonTaskException.MARKER)) {
				throw new PoisonTaskException();
			}
			Thread.sleep(this.properties.timePerDot().multipliedBy(WorkProperties.dotsIn(task)).toMillis());
			return null;
		}
		catch (RuntimeException ex) {
			this.deliveryLog.failed(delivery, attempt, String.valueOf(ex.getMessage()));
			count(worker, "failed");
			logger.warn("{}  [x] Failed, attempt {} of {}: {}", worker, attempt, this.properties.maxRetries() + 1,
					ex.getMessage());
			throw ex;
		}
	}

	private void deadLetter(String worker, Delivery delivery, Message message, Settlement settlement,
			Throwable failure, int attempts) {
		message.getMessageProperties().setHeader(ATTEMPTS_HEADER, attempts);
		try {
			settlement.deadLetterer().accept(message, failure);
		}
		catch (RuntimeException ex) {
			logger.error("{}  [x] Gave up after {} attempts, but could not dead-letter the task ({}); it goes back "
					+ "to '{}'", worker, attempts, ex.getMessage(), WorkQueueTopology.QUEUE);
			settled(worker, settlement.requeue(), "requeue");
			return;
		}
		if (settled(worker, settlement.ack(), "acknowledge the dead-lettered task (it is also in '"
				+ WorkQueueTopology.DEAD_LETTER_QUEUE + "')")) {
			this.deliveryLog.deadLettered(delivery, WorkQueueTopology.DEAD_LETTER_QUEUE);
			count(worker, "dead-lettered");
			logger.warn("{}  [x] Gave up after {} attempts; dead-lettered to '{}'", worker, attempts,
					WorkQueueTopology.DEAD_LETTER_QUEUE);
		}
	}

	/** Whether the broker got the settlement; else the channel or link is gone, and it redelivers the task. */
	private static boolean settled(String worker, SettleAction action, String what) {
		try {
			action.settle();
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("{}  [x] Could not {}, the channel or link is gone ({}); the broker redelivers the task",
					worker, what, ex.getMessage());
			return false;
		}
	}

	private void count(String worker, String outcome) {
		this.attempts.withTags("worker", worker, "outcome", outcome).increment();
	}

	/** How a worker settles a task over its protocol. */
	private record Settlement(SettleAction ack, SettleAction requeue,
			BiConsumer<Message, Throwable> deadLetterer) {
	}

	@FunctionalInterface
	private interface SettleAction {

		void settle() throws IOException;

	}

	/** Thrown for a task that contains {@value #MARKER}, to see one retried, then dead-lettered. */
	static class PoisonTaskException extends RuntimeException {

		static final String MARKER = "poison";

		PoisonTaskException() {
			super("The task contains '" + MARKER + "'; workers fail on it on purpose");
		}

	}

}
