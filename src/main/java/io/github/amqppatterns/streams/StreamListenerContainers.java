package io.github.amqppatterns.streams;

import com.rabbitmq.stream.Environment;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.rabbit.stream.listener.StreamListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Makes the stream listener containers that {@link StreamStarter} and {@link SuperStreamConsumers}
 * run: on Boot's stream {@link Environment}, observed as {@code spring.rabbitmq.listener.stream.observation-enabled}
 * says (the {@code spring.rabbit.stream.listener} timer, tagged by listener id), as Boot's own stream
 * container factory would make them.
 */
@Component
class StreamListenerContainers {

	private final Environment environment;

	private final ApplicationContext context;

	private final boolean observed;

	StreamListenerContainers(Environment environment, ApplicationContext context, RabbitProperties properties) {
		this.environment = environment;
		this.context = context;
		this.observed = properties.getListener().getStream().isObservationEnabled();
	}

	/** A container with this listener id, to be given its stream and listener, then started. */
	StreamListenerContainer create(String listenerId) {
		StreamListenerContainer container = new StreamListenerContainer(this.environment);
		container.setListenerId(listenerId);
		container.setApplicationContext(this.context);
		container.setObservationEnabled(this.observed);
		return container;
	}

}
