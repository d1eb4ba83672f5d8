package bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.amqp.Connection;
import com.rabbitmq.client.amqp.Environment;
import com.rabbitmq.client.amqp.Publisher;
import com.rabbitmq.client.amqp.impl.AmqpEnvironmentBuilder;

/**
 * Scenario 10's anchor: RabbitMQ's AMQP 1.0 Java client ({@code com.rabbitmq.client:amqp-client},
 * the service's own, through spring-rabbitmq-client) publishing to task_queue in the shape of the
 * HTTP clients: one connection, a publisher (a session and a link) per client thread, one message
 * in flight each (the body wrk posts, a message id, {@code text/plain}, durable as the client's
 * default), waiting for the broker's outcome. Any outcome but ACCEPTED is a failure.
 */
final class PlainAmqp10 implements AutoCloseable {

	private static final byte[] BODY = "bench task".getBytes(StandardCharsets.UTF_8);

	private final Environment environment = new AmqpEnvironmentBuilder().build();

	private final List<Publisher> publishers = new ArrayList<>();

	private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

	PlainAmqp10(Broker broker, int publishers) {
		try {
			Connection connection = this.environment.connectionBuilder().uri(broker.uri()).build();
			for (int p = 0; p < publishers; p++) {
				this.publishers.add(connection.publisherBuilder().queue(Publishing.TASK_QUEUE).build());
			}
		}
		catch (RuntimeException ex) {
			this.environment.close();
			throw ex;
		}
	}

	/** Every publisher publishing for {@code seconds}; an exception where any publish failed. */
	Run run(int seconds) throws InterruptedException {
		Run run = ClientLoad.run(seconds, this.publishers.size(), (client) -> publish(this.publishers.get(client)));
		if (run.errors() > 0) {
			throw new IllegalStateException("10: " + run.errors() + " of the plain AMQP 1.0 client's publishes failed",
					this.firstFailure.get());
		}
		return run;
	}

	private void publish(Publisher publisher) throws Exception {
		try {
			CompletableFuture<Publisher.Context> outcome = new CompletableFuture<>();
			publisher.publish(publisher.message(BODY).messageId(UUID.randomUUID().toString()).contentType("text/plain"),
					outcome::complete);
			Publisher.Context context = outcome.get(5, TimeUnit.SECONDS);
			if (context.status() != Publisher.Status.ACCEPTED) {
				throw new IllegalStateException("outcome " + context.status(), context.failureCause());
			}
		}
		catch (Exception ex) {
			this.firstFailure.compareAndSet(null, ex);
			throw ex;
		}
	}

	@Override
	public void close() {
		this.publishers.forEach(Publisher::close); // before their connection, which would warn of each
		this.environment.close();
	}

}
