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
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecovererWithConfirms;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * The tutorial's two {@code Worker}s: each sleeps one {@code time-per-dot} for every dot in its
 * task, then acknowledges it, on the channel it came on. A task is acknowledged only after its work
 * is done: a worker stopped mid-task acknowledges nothing, and the broker hands the task to another
 * worker when the channel closes, as it does when a worker dies.
 * <p>
 * A task a worker fails on (one that contains {@code poison}, see {@link PoisonTaskException}) is
 * tried again after a backoff, up to {@code amqp-patterns.work.max-retries} times. Then the worker
 * republishes it to the dead-letter exchange {@code task_queue.dlx} (persistent, with the failure
 * in an {@code x-exception-message} header and the number of attempts in {@value #ATTEMPTS_HEADER}),
 * waits for the broker's confirm, and only then acknowledges it: the task is in
 * {@code task_queue.dlq} before it leaves {@code task_queue}. If the broker does not confirm the
 * dead-letter, the task goes back to {@code task_queue}, to be tried again.
 * <p>
 * Why not Boot's listener retry ({@code spring.rabbitmq.listener.simple.retry.*}) and a
 * {@code MessageRecoverer} bean: its recoverer ends the listener call normally, and then only the
 * container can acknowledge, so the tutorial's lesson, the worker's own {@code basicAck} once the
 * work is done, would vanish from the code (with manual acknowledgement nobody would acknowledge a
 * recovered task at all). The retries are Spring Framework's {@code RetryTemplate} and the dead
 * letter Spring AMQP's {@code RepublishMessageRecovererWithConfirms} all the same.
 * <p>
 * A worker handles its failures itself, so its listener observation never sees one; each attempt
 * is counted in {@code amqp_patterns_work_attempts_total} by worker and outcome ({@code done},
 * {@code failed}), and each task given up in the same counter as {@code dead-lettered}.
 */
@Component
class Workers {

	static final String WORKER_1 = "worker-1";

	static final String WORKER_2 = "worker-2";

	/** The header of a dead-lettered task that says how many times it was tried. */
	static final String ATTEMPTS_HEADER = "x-attempts";

	private static final Logger logger = LoggerFactory.getLogger(Workers.class);

	private final DeliveryLog deliveryLog;

	private final WorkProperties properties;

	private final RetryTemplate retries;

	private final MessageRecoverer deadLetterer;

	private final Meter.MeterProvider<Counter> attempts;

	Workers(DeliveryLog deliveryLog, WorkProperties properties, RabbitTemplate rabbitTemplate,
			PublishProperties publishProperties, MeterRegistry meterRegistry) {
		this.deliveryLog = deliveryLog;
		this.attempts = Counter.builder("amqp.patterns.work.attempts")
			.description("A worker's tries of its tasks (done, failed), and the tasks it gave up on (dead-lettered)")
			.withRegistry(meterRegistry);
		this.properties = properties;
		this.retries = new RetryTemplate(properties.retryPolicy());
		RepublishMessageRecovererWithConfirms deadLetterer = new RepublishMessageRecovererWithConfirms(rabbitTemplate,
				WorkQueueTopology.DEAD_LETTER_EXCHANGE, WorkQueueTopology.QUEUE, ConfirmType.CORRELATED);
		deadLetterer.setConfirmTimeout(publishProperties.confirmTimeout().toMillis());
		this.deadLetterer = deadLetterer;
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
			deadLetter(worker, delivery, message, channel, ex.getCause(), attempts.get());
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
			if (PoisonTaskException.isPoison(task)) {
				throw new PoisonTaskException();
			}
			Thread.sleep(this.properties.workFor(task).toMillis());
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

	private void deadLetter(String worker, Delivery delivery, Message message, Channel channel, Throwable failure,
			int attempts) {
		long deliveryTag = message.getMessageProperties().getDeliveryTag();
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
			requeue(worker, channel, deliveryTag);
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

	private static void requeue(String worker, Channel channel, long deliveryTag) {
		try {
			channel.basicNack(deliveryTag, false, true);
		}
		catch (IOException | ShutdownSignalException ex) {
			logger.warn("{}  [x] Could not requeue, the channel is gone ({}); the broker redelivers the task", worker,
					ex.getMessage());
		}
	}

}
