package io.github.amqppatterns;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Arrows point one way: each top-level package is a module, and the modules' dependencies form no
 * cycle (a pattern uses the shared core; the core never uses a pattern, nor itself in a circle).
 * No application context: the check reads the compiled classes.
 */
class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(AmqpPatternsApplication.class);

	@Test
	void packagesDependOnEachOtherWithoutACycle() {
		modules.verify();
	}

	/** The modules and their arrows as PlantUML, in target/spring-modulith-docs. */
	@Test
	void writesTheModulesDocumentation() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
