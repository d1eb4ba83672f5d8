package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.amqppatterns.HttpUser;
import io.github.amqppatterns.deliveries.DeliveryLog;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least once, through a broker failure: 10,000 persistent tasks or more posted over HTTP by 8
 * concurrent clients; when about 3,000 are confirmed the broker goes away for 10 s, and the
 * clients go on posting until it is back (however long it takes to go away). Every task
 * that got a {@code 202} is done at least once; duplicates (tasks done, whose acknowledgement the
 * failure cut off) are counted and reported, not forbidden.
 */
@FaultInjectionTest
class BrokerRestartTests {

	static final int TASKS = 10_000;

	static final int CLIENTS = 8;

	static final int FAULT_AT = 3_000;

	static final Duration OUTAGE = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	DeliveryLog deliveryLog;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Test
	void losesNoConfirmedTaskWhenTheBrokerStopsAndStartsMidStream() throws Exception {
		streamThrough("stop_app, 10 s, start_app", BrokerNode::stopApp, BrokerNode::startApp);
	}

	@Test
	void losesNoConfirmedTaskWhenTheBrokerIsKilledMidStream() throws Exception {
		streamThrough("docker kill, 10 s, docker start", BrokerNode::kill, BrokerNode::start);
	}

	/**
	 * Posts at least {@value #TASKS} tasks; at {@value #FAULT_AT} confirmed, {@code failure}, then,
	 * once the service has refused requests for {@link #OUTAGE}, {@code recovery}. A client that gets a 503
	 * waits until the service says it is ready again, as a well-behaved client does.
	 */
	private void streamThrough(String fault, Consumer<BrokerNode> failure,
			Consumer<BrokerNode> recovery) throws Exception {
		BrokerNode node = PrivateRabbitNode.shared();
		try (TaskLoad load = new TaskLoad(new HttpUser(this.port), CLIENTS, TASKS)) {
			load.awaitConfirmed(FAULT_AT);
			int confirmedBeforeFault = load.confirmed();
			long faultStarted = System.nanoTime();
			failure.accept(node);
			try {
				Awaitility.await()
					.pollDelay(OUTAGE)
					.atMost(OUTAGE.plusSeconds(30))
					.untilAsserted(() -> assertThat(load.refusals()).as(() -> "503s while the broker was away; the load: "
							+ load.describe()).isNotEmpty());
			}
			finally {
				// whatever happened, the next test gets a running node
				recovery.accept(node);
			}
			long faultOver = System.nanoTime();
			long healMillis = load.millisToFirstConfirmedAfter(faultOver);
			load.finish();

			TaskLoad.Done done = load.awaitDone(this.deliveryLog);
			FaultReport.record(fault, String.format(
					"%d tasks confirmed with a 202 (%d before the fault), 0 lost, %d duplicates (done again after a "
							+ "redelivery), %d requests refused with a 503 while the broker was away (%d ms), %d tasks "
							+ "done whose request got a 503 (the broker had taken them), first 202 %d ms after the broker "
							+ "was back",
					load.confirmed(), confirmedBeforeFault, done.duplicates(), load.refusals().size(),
					TimeUnit.NANOSECONDS.toMillis(faultOver - faultStarted), done.refusedButTaken(), healMillis));
			assertThat(load.unexpected()).as("answers other than 202 and 503").isEmpty();
			assertThat(load.refusals()).as("503s while the broker was away").isNotEmpty();
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(this.amqpAdmin.getQueueInfo("task_queue"))
					.satisfies((queue) -> assertThat(queue.getMessageCount()).isZero()));
		}
	}

}
