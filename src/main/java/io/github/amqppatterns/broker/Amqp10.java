package io.github.amqppatterns.broker;

import io.github.amqppatterns.web.ApiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Whether this instance speaks AMQP 1.0 to its broker, decided once as the context starts: RabbitMQ
 * 4.0 made it a core protocol, with the addresses ({@code /queues/hello}) and the management over it
 * that {@code RabbitAmqpAdmin} and the tutorials use; the embedded broker and RabbitMQ 3.x have
 * neither. Where it is missing, an AMQP 1.0 request answers 503 with the reason, and nothing else
 * changes. Also which protocol the receivers consume over ({@code amqp-patterns.receivers}): each
 * receiver has a listener of each, and only those of that protocol start. Also
 * {@code /actuator/health}'s {@code amqp10}: UP, or UNKNOWN with the reason, never DOWN.
 */
@Component("amqp10")
public class Amqp10 implements HealthIndicator {

	/** The end of an AMQP 1.0 receiver's listener id: {@code hello-receiver-amqp-1.0}. */
	public static final String OVER_AMQP_1_0 = "-amqp-1.0";

	/** The container factory of the AMQP 1.0 receivers that need no more than Spring's defaults. */
	public static final String CONTAINER_FACTORY = "amqp10ListenerContainerFactory";

	static final String EMBEDDED = "The embedded broker speaks AMQP 0-9-1 only here: AMQP 1.0 needs RabbitMQ 4.0 "
			+ "or later (spring.rabbitmq.host)";

	private static final Logger logger = LoggerFactory.getLogger(Amqp10.class);

	private final @Nullable String unavailable;

	private final boolean receivers;

	Amqp10(BrokerInUse broker, ConnectionFactory connectionFactory, ReceiversProperties properties) {
		this.unavailable = broker.isEmbedded() ? EMBEDDED : rabbitMq4(connectionFactory);
		this.receivers = properties.receivers() == Protocol.AMQP_1_0;
		if (this.receivers && this.unavailable != null) {
			throw new IllegalStateException(
					"amqp-patterns.receivers=" + Protocol.AMQP_1_0.id() + ", but " + this.unavailable);
		}
		if (this.unavailable != null) {
			logger.warn("AMQP 1.0 unavailable: {}", this.unavailable);
		}
		logger.info("Receivers consume over {}",
				(this.receivers ? Protocol.AMQP_1_0 : Protocol.AMQP_0_9_1).label());
	}

	private static @Nullable String rabbitMq4(ConnectionFactory connectionFactory) {
		String version;
		try {
			version = String
				.valueOf(connectionFactory.createConnection().getDelegate().getServerProperties().get("version"));
			if (Runtime.Version.parse(version).feature() >= 4) {
				return null;
			}
		}
		catch (RuntimeException ex) {
			version = "of a version it did not say: " + ex.getMessage();
		}
		return "This broker (RabbitMQ " + version + ") has no AMQP 1.0 as RabbitMQ 4 has it: AMQP 1.0 needs RabbitMQ "
				+ "4.0 or later";
	}

	/** Whether the receivers consume over AMQP 1.0 ({@code amqp-patterns.receivers}). */
	public boolean receivers() {
		return this.receivers;
	}

	public boolean available() {
		return this.unavailable == null;
	}

	/** A 503 that says why, where this instance has no AMQP 1.0. */
	public void require() {
		if (this.unavailable != null) {
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "AMQP 1.0 unavailable", this.unavailable);
		}
	}

	@Override
	public Health health() {
		Health.Builder health = (this.unavailable == null) ? Health.up()
				: Health.unknown().withDetail("reason", this.unavailable);
		return health.withDetail("receivers", this.receivers ? Protocol.AMQP_1_0.id() : Protocol.AMQP_0_9_1.id())
			.build();
	}

}
