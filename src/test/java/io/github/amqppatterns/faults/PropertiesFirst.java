package io.github.amqppatterns.faults;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points a test's service at a broker of the test's own: its connection settings go first in the
 * environment, over any {@code SPRING_RABBITMQ_*} of the run, which may name another broker. They
 * are read when the context starts, so that the broker starts only for a test that runs.
 *
 * @param name the property source's name, which tells one customizer from another
 * @param properties the settings
 */
record PropertiesFirst(String name, Supplier<Map<String, Object>> properties) implements ContextCustomizer {

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(this.name, this.properties.get()));
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof PropertiesFirst first) && this.name.equals(first.name);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

}
