package io.github.amqppatterns.workqueues;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.rabbitmq.client.GetResponse;

import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Takes a test's poison tasks out of the dead-letter queue when it is done; any other client's stay,
 * in their place.
 */
public final class OwnDeadLetters {

	private OwnDeadLetters() {
	}

	public static void take(RabbitTemplate rabbitTemplate, Set<String> messageIds) {
		rabbitTemplate.execute((channel) -> {
			long count = channel.queueDeclarePassive(WorkQueueTopology.DEAD_LETTER_QUEUE).getMessageCount();
			List<Long> others = new ArrayList<>();
			for (long i = 0; i < count; i++) {
				GetResponse response = channel.basicGet(WorkQueueTopology.DEAD_LETTER_QUEUE, false);
				if (response == null) {
					break;
				}
				if (messageIds.contains(response.getProps().getMessageId())) {
					channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
				}
				else {
					others.add(response.getEnvelope().getDeliveryTag());
				}
			}
			for (long deliveryTag : others) { // one by one: Qpid requeues only the last of a multiple nack
				channel.basicNack(deliveryTag, false, true);
			}
			return null;
		});
	}

}
