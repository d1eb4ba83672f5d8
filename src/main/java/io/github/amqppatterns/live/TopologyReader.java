package io.github.amqppatterns.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.rabbitmq.client.amqp.Management;
import io.github.amqppatterns.broker.Amqp10;
import org.jspecify.annotations.Nullable;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbitmq.client.AmqpConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the topology from the beans that declare it ({@code Exchange}, {@code Queue},
 * {@code Binding}, {@code Declarables}, and the {@link Topology.DeadLetterRoute}s declared beside
 * them), grouped by the package of the configuration class that declared each, and the consumers
 * from the listener registry. Queue depths come from the broker.
 * A bean that {@code RabbitAdmin} does not declare ({@code shouldDeclare} false, such as the RPC
 * client's reply queue on a broker with direct reply-to) is not part of it. The streams are told by
 * their package ({@link StreamsDescription}). Where the broker is a RabbitMQ 4, its AMQP 1.0
 * management says which node leads each quorum queue and stream, and which hold its replicas: AMQP
 * 0-9-1 has no way to ask.
 */
@Component
class TopologyReader {

	private static final String ROOT_PACKAGE = "io.github.amqppatterns.";

	private static final long SNAPSHOT_NANOS = 1_000_000_000L;

	private record Snapshot(Topology topology, long readAt) {
	}

	private final ConfigurableListableBeanFactory beanFactory;

	private final RabbitListenerEndpointRegistry listeners;

	private final AmqpAdmin amqpAdmin;

	private final ObjectProvider<StreamsDescription> streams;

	private final Amqp10 amqp10;

	private final AmqpConnectionFactory amqp10ConnectionFactory;

	private volatile @Nullable Snapshot last;

	TopologyReader(ConfigurableListableBeanFactory beanFactory, RabbitListenerEndpointRegistry listeners,
			AmqpAdmin amqpAdmin, ObjectProvider<StreamsDescription> streams, Amqp10 amqp10,
			AmqpConnectionFactory amqp10ConnectionFactory) {
		this.beanFactory = beanFactory;
		this.listeners = listeners;
		this.amqpAdmin = amqpAdmin;
		this.streams = streams;
		this.amqp10 = amqp10;
		this.amqp10ConnectionFactory = amqp10ConnectionFactory;
	}

	/**
	 * The topology, read at most once a second: every open page polls it, and each read asks the
	 * broker for the depth of every queue.
	 */
	Topology read() {
		Snapshot snapshot = this.last;
		long now = System.nanoTime();
		if (snapshot == null || now - snapshot.readAt() > SNAPSHOT_NANOS) {
			snapshot = new Snapshot(readNow(), now);
			this.last = snapshot;
		}
		return snapshot.topology();
	}

	private Topology readNow() {
		Map<String, List<Declarable>> declarablesByGroup = new TreeMap<>();
		for (Class<?> type : List.of(Exchange.class, Queue.class, Binding.class, Declarables.class)) {
			for (String name : this.beanFactory.getBeanNamesForType(type, false, false)) {
				String group = groupOf(name);
				if (group == null) {
					continue;
				}
				Object bean = this.beanFactory.getBean(name);
				List<Declarable> list = declarablesByGroup.computeIfAbsent(group, (key) -> new ArrayList<>());
				Collection<Declarable> declared = (bean instanceof Declarables declarables)
						? declarables.getDeclarables() : List.of((Declarable) bean);
				declared.stream().filter(Declarable::shouldDeclare).forEach(list::add);
			}
		}
		Map<String, List<Topology.DeadLetterRoute>> deadLettersByGroup = new TreeMap<>();
		for (String name : this.beanFactory.getBeanNamesForType(Topology.DeadLetterRoute.class, false, false)) {
			String group = groupOf(name);
			if (group != null) {
				deadLettersByGroup.computeIfAbsent(group, (key) -> new ArrayList<>())
					.add(this.beanFactory.getBean(name, Topology.DeadLetterRoute.class));
			}
		}
		Map<String, List<String>> consumersByQueue = consumersByQueue();
		try (Replicas replicas = replicas()) {
			List<Topology.Group> groups = new ArrayList<>();
			declarablesByGroup
				.forEach((group, declarables) -> groups.add(group(group, declarables, consumersByQueue, replicas,
						deadLettersByGroup.getOrDefault(group, List.of()))));
			StreamsDescription description = this.streams.getIfAvailable();
			return new Topology(groups, (description != null) ? streams(description.describe(), replicas) : null);
		}
	}

	private Topology.Streams streams(Topology.Streams described, Replicas replicas) {
		if (!described.available()) {
			return described;
		}
		Topology.SuperStream superStream = described.superStream();
		return new Topology.Streams(true, null,
				described.streams().stream().map((stream) -> stream(stream, replicas)).toList(),
				(superStream == null || !superStream.available()) ? superStream
						: new Topology.SuperStream(superStream.name(), true, null, superStream.consumerGroup(),
								superStream.partitions().stream().map((stream) -> stream(stream, replicas)).toList()));
	}

	private Topology.StreamInfo stream(Topology.StreamInfo stream, Replicas replicas) {
		Management.QueueInfo info = replicas.of(stream.name());
		Long messages = (info != null) ? Long.valueOf(info.messageCount()) : depth(stream.name());
		return new Topology.StreamInfo(stream.name(), messages, stream.consumers(),
				(info != null) ? info.leader() : null, (info != null) ? info.members() : null);
	}

	private @Nullable Long depth(String queue) {
		QueueInformation info = queueInformation(queue);
		return (info != null) ? (long) info.getMessageCount() : null;
	}

	private Topology.Group group(String id, List<Declarable> declarables, Map<String, List<String>> consumers,
			Replicas replicas, List<Topology.DeadLetterRoute> deadLetters) {
		List<Topology.ExchangeInfo> exchanges = new ArrayList<>();
		List<Topology.QueueInfo> queues = new ArrayList<>();
		List<Topology.BindingInfo> bindings = new ArrayList<>();
		List<String> bound = declarables.stream()
			.filter(Binding.class::isInstance)
			.map((binding) -> ((Binding) binding).getDestination())
			.toList();
		for (Declarable declarable : declarables) {
			if (declarable instanceof Exchange exchange) {
				exchanges.add(new Topology.ExchangeInfo(exchange.getName(), exchange.getType(), exchange.isDurable()));
			}
			else if (declarable instanceof Queue queue) {
				String name = queue.getActualName();
				QueueInformation info = (name.isEmpty()) ? null : queueInformation(name);
				Object type = queue.getArguments().get("x-queue-type");
				Management.QueueInfo replicated = ("quorum".equals(type)) ? replicas.of(name) : null;
				queues.add(new Topology.QueueInfo(name, (type != null) ? type.toString() : "classic", queue.isDurable(),
						queue.isExclusive(), (info != null) ? (long) info.getMessageCount() : null,
						(info != null) ? info.getConsumerCount() : null, consumers.getOrDefault(name, List.of()),
						(replicated != null) ? replicated.leader() : null,
						(replicated != null) ? replicated.members() : null));
				if (!bound.contains(name)) {
					bindings.add(new Topology.BindingInfo("", name, name, Map.of()));
				}
			}
			else if (declarable instanceof Binding binding) {
				bindings.add(new Topology.BindingInfo(binding.getExchange(),
						Objects.requireNonNullElse(binding.getDestination(), ""), binding.getRoutingKey(),
						new TreeMap<>(binding.getArguments())));
			}
		}
		bindings.sort(Comparator.comparing(Topology.BindingInfo::queue).thenComparing(Topology.BindingInfo::key));
		return new Topology.Group(id, exchanges, queues, bindings, deadLetters);
	}

	private Replicas replicas() {
		if (!this.amqp10.available()) {
			return new Replicas(null);
		}
		try {
			return new Replicas(this.amqp10ConnectionFactory.getConnection().management());
		}
		catch (RuntimeException ex) {
			return new Replicas(null);
		}
	}

	/** A queue's leader and members through the AMQP 1.0 management, for one read; none without it. */
	private record Replicas(@Nullable Management management) implements AutoCloseable {

		Management.@Nullable QueueInfo of(String queue) {
			if (this.management == null) {
				return null;
			}
			try {
				return this.management.queueInfo(queue);
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

		@Override
		public void close() {
			if (this.management != null) {
				this.management.close();
			}
		}

	}

	private @Nullable QueueInformation queueInformation(String name) {
		try {
			return this.amqpAdmin.getQueueInfo(name);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Each consumer by the name its deliveries carry. An AMQP 1.0 container does not say its queues:
	 * it is found by its AMQP 0-9-1 twin's, whose id it extends ({@link Amqp10#OVER_AMQP_1_0}).
	 */
	private Map<String, List<String>> consumersByQueue() {
		Map<String, List<String>> byQueue = new LinkedHashMap<>();
		for (var container : this.listeners.getListenerContainers()) {
			if (container instanceof AbstractMessageListenerContainer listener
					&& (listener.isRunning() || runningOverAmqp10(listener.getListenerId()))) {
				for (String queue : listener.getQueueNames()) {
					byQueue.computeIfAbsent(queue, (key) -> new ArrayList<>())
						.add(Objects.requireNonNullElse(listener.getListenerId(), "?"));
				}
			}
		}
		byQueue.values().forEach((ids) -> ids.sort(Comparator.naturalOrder()));
		return byQueue;
	}

	private boolean runningOverAmqp10(@Nullable String listenerId) {
		if (listenerId == null) {
			return false;
		}
		MessageListenerContainer twin = this.listeners.getListenerContainer(listenerId + Amqp10.OVER_AMQP_1_0);
		return twin != null && twin.isRunning();
	}

	/** The pattern package of the configuration class that declared the bean, if it is one of ours. */
	private @Nullable String groupOf(String beanName) {
		if (!this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		String factoryBean = definition.getFactoryBeanName();
		Class<?> declaring = (factoryBean != null) ? this.beanFactory.getType(factoryBean) : null;
		if (declaring == null) {
			return null;
		}
		String packageName = declaring.getPackageName();
		if (!packageName.startsWith(ROOT_PACKAGE)) {
			return null;
		}
		String rest = packageName.substring(ROOT_PACKAGE.length());
		return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
	}

}
