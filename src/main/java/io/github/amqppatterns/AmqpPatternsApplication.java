package io.github.amqppatterns;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AmqpPatternsApplication {

	public static void main(String[] args) {
		SpringApplication.run(AmqpPatternsApplication.class, args);
	}

}
