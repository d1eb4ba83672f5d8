package io.github.amqppatterns.faults;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test's service at a broker of the test's own: its connection settings go first in the
 * environment, over any {@code SPRING_RABBITMQ_*} of the run, which may name another broker.
 *
 * @param name the property source's name
 * @param properties the settings
 */
record PropertiesFirst(String name, Map<String, Object> properties) implements ContextCustomizer {

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(this.name, this.properties));
	}

}
