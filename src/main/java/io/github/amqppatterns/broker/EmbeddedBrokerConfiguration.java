package io.github.amqppatterns.broker;

import java.util.List;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker and the connection details pointing at it. Boot's connection factory needs
 * the details, so the broker starts before the factory connects and stops after it closes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnEmbeddedBroker.class)
class EmbeddedBrokerConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedBroker embeddedBroker(EmbeddedBrokerProperties properties) {
		return EmbeddedBroker.start(properties.port());
	}

	@Bean
	RabbitConnectionDetails embeddedBrokerConnectionDetails(EmbeddedBroker broker) {
		return new RabbitConnectionDetails() {

			@Override
			public String getUsername() {
				return broker.username();
			}

			@Override
			public String getPassword() {
				return broker.password();
			}

			@Override
			public String getVirtualHost() {
				return "/";
			}

			@Override
			public List<Address> getAddresses() {
				return List.of(new Address("127.0.0.1", broker.port()));
			}

		};
	}

}
