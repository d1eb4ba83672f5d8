package bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Scenario 7's anchor: the service's Boot stack (web, actuator, validation, springdoc, its
 * application.properties) with no AMQP at all, so that what AMQP adds to the start is measured
 * against what the rest costs anyway. Run by bench/run, never part of the service.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
		"org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
		"org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration" })
public class NoAmqpApplication {

	public static void main(String[] args) {
		SpringApplication.run(NoAmqpApplication.class, args);
	}

}
