package io.github.amqppatterns;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.testcontainers.DockerClientFactory;

/**
 * What the tests that need Docker do where none answers: on a person's machine they do not run,
 * and the run says so once, in one line, at its end; where the run requires Docker
 * ({@value #REQUIRED_SETTING}, or the environment variable {@code DOCKER_REQUIRED}, set to
 * {@code true}: CI sets it), they fail, saying why. The fault-injection and cluster tests use it as
 * a condition; the integration tests through {@link BrokerUnderTest}, when their broker is a
 * Testcontainers one.
 * <p>
 * Registered with the JUnit Platform ({@code META-INF/services}) to print that line.
 */
public final class DockerCheck implements ExecutionCondition, TestExecutionListener {

	static final String REQUIRED_SETTING = "docker.required";

	private static final Set<String> notRun = ConcurrentHashMap.newKeySet();

	private static volatile Boolean available;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return check(context);
	}

	/** Whether a Docker engine answers Testcontainers (asked once). */
	static boolean available() {
		if (available == null) {
			available = DockerClientFactory.instance().isDockerAvailable();
		}
		return available;
	}

	static ConditionEvaluationResult check(ExtensionContext context) {
		if (available()) {
			return ConditionEvaluationResult.enabled("Docker answers");
		}
		if ("true".equalsIgnoreCase(BrokerUnderTest.setting(REQUIRED_SETTING))) {
			throw new IllegalStateException("This run requires Docker (" + REQUIRED_SETTING
					+ "=true), and no Docker engine answers: start one (dockerd), or point DOCKER_HOST at one");
		}
		context.getTestClass().ifPresent((testClass) -> notRun.add(testClass.getName()));
		return ConditionEvaluationResult.disabled("Needs Docker for its RabbitMQ, and no Docker engine answers");
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		if (!notRun.isEmpty()) {
			System.out.println("[WARNING] " + notRun.size() + " test classes that need RabbitMQ (the suite on RabbitMQ, "
					+ "the fault-injection and cluster tests) did not run: no Docker engine answers here. "
					+ "Install and start Docker to run them; CI requires them (DOCKER_REQUIRED=true).");
		}
	}

}
