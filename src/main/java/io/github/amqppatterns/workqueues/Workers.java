package io.github.amqppatterns.workqueues;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.broker.PublishProperties;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory.ConfirmType;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * The tutorial's two {@code Worker}s: each acknowledges its task only once the work is done, so a
 * dying worker's task goes to the other. A failed task is retried, then dead-lettered and acked once
 * the broker confirms it, else requeued. Not Boot's listener retry: with its {@code MessageRecoverer}
 * only the container could acknowledge, and the worker's own {@code basicAck} would vanish.
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

	private final Meter.MeterProvider<Counter> attempts;

	Workers(DeliveryLog deliveryLog, WorkProperties properties, RabbitTemplate rabbitTemplate,
			PublishProperties publishProperties, MeterRegistry meterRegistry) {
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
	}

	@RabbitListener(id = WORKER_1, queues = WorkQueueTopology.QUEUE,
			containerFactory = WorkQueueTopology.CONTAINER_FACTORY)
	void worker1(String task, Message message, Channel channel) {
		work(WORKER_1, task, message, channel);
	}

	@RabbitListener(id = WORKER_2, queues = WorkQueueTopology.QUEUE,
			containerFactory = WorkQueueTopology.CONTAINER_FACTORY)
	void worker2(String task, Message message, Channel channel) {
		work(WORKER_2, task, message, channel);
	}

	private void work(String worker, String task, Message message, Channel channel) {
		Delivery delivery = this.deliveryLog.record(MessagingPattern.WORK_QUEUES, worker, message);
		logger.info("{}  [x] Received '{}'", worker, PlainText.preview(task));
		long deliveryTag = message.getMessageProperties().getDeliveryTag();
		AtomicInteger attempts = new AtomicInteger();
		try {
			this.retries.execute(() -> attempt(worker, task, delivery, attempts.incrementAndGet()));
			channel.basicAck(deliveryTag, false);
			this.deliveryLog.acked(delivery);
			count(worker, "done");
			logger.info("{}  [x] Done", worker);
		}
		catch (RetryException ex) {
			if (ex.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
				Thread.currentThread().interrupt();
				logger.warn("{}  [x] Stopped mid-task; unacknowledged, the task goes back to the queue with its "
						+ "channel", worker);
				return;
			}
			deadLetter(worker, delivery, message, channel, deliveryTag, ex.getCause(), attempts.get());
		}
		catch (IOException | ShutdownSignalException ex) {
			logger.warn("{}  [x] Could not acknowledge, the channel is gone ({}); the broker redelivers the task",
					worker, ex.getMessage());
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

	private void deadLetter(String worker, Delivery delivery, Message message, Channel channel, long deliveryTag,
			Throwable failure, int attempts) {
		message.getMessageProperties().setHeader(ATTEMPTS_HEADER, attempts);
		try {
			this.deadLetterer.recover(message, failure);
			channel.basicAck(deliveryTag, false);
			this.deliveryLog.deadLettered(delivery, WorkQueueTopology.DEAD_LETTER_QUEUE);
			count(worker, "dead-lettered");
			logger.warn("{}  [x] Gave up after {} attempts; dead-lettered to '{}'", worker, attempts,
					WorkQueueTopology.DEAD_LETTER_QUEUE);
		}
		catch (AmqpException ex) {
			logger.error("{}  [x] Gave up after {} attempts, but could not dead-letter the task ({}); it goes back "
					+ "to '{}'", worker, attempts, ex.getMessage(), WorkQueueTopology.QUEUE);
			try {
				channel.basicNack(deliveryTag, false, true);
			}
			catch (IOException | ShutdownSignalException nackFailure) {
				logger.warn("{}  [x] Could not requeue, the channel is gone ({}); the broker redelivers the task",
						worker, nackFailure.getMessage());
			}
		}
		catch (IOException | ShutdownSignalException ex) {
			logger.warn("{}  [x] Dead-lettered, but could not acknowledge, the channel is gone ({}); the broker "
					+ "redelivers the task, and it is also in '{}'", worker, ex.getMessage(),
					WorkQueueTopology.DEAD_LETTER_QUEUE);
		}
	}

	private void count(String worker, String outcome) {
		this.attempts.withTags("worker", worker, "outcome", outcome).increment();
	}

	/** Thrown for a task that contains {@value #MARKER}, to see one retried, then dead-lettered. */
	static class PoisonTaskException extends RuntimeException {

		static final String MARKER = "poison";

		PoisonTaskException() {
			super("The task contains '" + MARKER + "'; workers fail on it on purpose");
		}

	}

}
