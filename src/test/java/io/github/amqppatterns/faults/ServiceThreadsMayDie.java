package io.github.amqppatterns.faults;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fault may end some of the service's own threads with an exception (Spring AMQP's channel cache
 * waiting for confirms on a channel the broker just closed, say): that is the fault at work, not
 * what a fault test waits for, so Awaitility does not fail a wait for it while a fault test runs.
 */
final class ServiceThreadsMayDie implements BeforeAllCallback, AfterAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		Awaitility.doNotCatchUncaughtExceptionsByDefault();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		Awaitility.reset();
	}

}
