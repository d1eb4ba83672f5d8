package io.github.amqppatterns.workqueues;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import io.github.amqppatterns.broker.PlainText;
import io.github.amqppatterns.deliveries.Delivery;
import io.github.amqppatterns.deliveries.DeliveryLog;
import io.github.amqppatterns.deliveries.MessagingPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The tutorial's two {@code Worker}s: each sleeps one {@code time-per-dot} for every dot in its
 * task, then acknowledges it, on the channel it came on. A task is acknowledged only after its work
 * is done: a worker stopped mid-task acknowledges nothing, and the broker hands the task to another
 * worker when the channel closes, as it does when a worker dies.
 */
@Component
class Workers {

	static final String WORKER_1 = "worker-1";

	static final String WORKER_2 = "worker-2";

	private static final Logger logger = LoggerFactory.getLogger(Workers.class);

	private final DeliveryLog deliveryLog;

	private final WorkProperties properties;

	Workers(DeliveryLog deliveryLog, WorkProperties properties) {
		this.deliveryLog = deliveryLog;
		this.properties = properties;
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
		try {
			Thread.sleep(this.properties.workFor(task).toMillis());
			channel.basicAck(deliveryTag, false);
			this.deliveryLog.acked(delivery);
			logger.info("{}  [x] Done", worker);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.warn("{}  [x] Stopped mid-task; unacknowledged, the task goes back to the queue with its channel",
					worker);
		}
		catch (IOException | ShutdownSignalException ex) {
			logger.warn("{}  [x] Could not acknowledge, the channel is gone ({}); the broker redelivers the task",
					worker, ex.getMessage());
		}
	}

}
