package io.github.amqppatterns.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.amqppatterns.HttpUser;
import io.github.amqppatterns.ServiceProcess;
import io.github.amqppatterns.deliveries.DeliveryLog;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network partition: the node leading {@code task_queue} is cut off from the other two nodes
 * and from every client ({@code docker network disconnect}), while 8 clients post tasks through
 * this instance, connected to the majority, and 2 through a second instance connected to the cut
 * node alone; then the network heals. The majority elects a new leader and goes on confirming;
 * the minority confirms nothing; every task that got a 202 on either side is done, duplicates
 * counted; and the second instance works again after the heal, with no restart.
 */
@ClusterTest
class NetworkPartitionTests {

	static final int TASKS = 10_000;

	static final int CLIENTS = 8;

	static final int MINORITY_CLIENTS = 2;

	static final int FAULT_AT = 3_000;

	/** The partition lasts at least this long, and until the majority confirms again. */
	static final Duration PARTITION = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	DeliveryLog deliveryLog;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Test
	void losesNoConfirmedTaskAndTheMinorityConfirmsNothingWhileTheQueuesLeaderIsCutOff() throws Exception {
		ThreeNodeCluster cluster = ThreeNodeCluster.shared();
		cluster.lead("task_queue", ThreeNodeCluster.LEADER_NODE);
		int cut = ThreeNodeCluster.LEADER_NODE;
		int own = cluster.nodeOf(this.connectionFactory);
		assertThat(cut).as("task_queue's leader, away from this instance's node").isNotEqualTo(own);
		ServiceProcess minority = new ServiceProcess(onlyOn(cluster, cut));
		try (TaskLoad majorityLoad = new TaskLoad(new HttpUser(this.port), CLIENTS, TASKS);
				TaskLoad minorityLoad = new TaskLoad(minority.http(), MINORITY_CLIENTS, 0)) {
			majorityLoad.awaitConfirmed(FAULT_AT);
			minorityLoad.awaitConfirmed(100);
			cluster.partition(cut);
			long partitioned = System.nanoTime();
			long healing;
			long electedMillis;
			try {
				electedMillis = majorityLoad.millisToFirstConfirmedAfter(partitioned);
				Awaitility.await()
					.pollDelay(PARTITION)
					.atMost(PARTITION.plusMinutes(1))
					.until(() -> majorityLoad.confirmedBetween(partitioned, System.nanoTime()) > 0);
			}
			finally {
				healing = System.nanoTime();
				cluster.heal(cut);
			}
			long minorityConfirmedDuring = minorityLoad.confirmedBetween(partitioned, healing);
			long minorityRefusedDuring = minorityLoad.refusals()
				.stream()
				.filter((refusal) -> refusal.atNanos() > partitioned && refusal.atNanos() < healing)
				.count();
			long healMillis = minorityLoad.millisToFirstConfirmedAfter(healing);
			majorityLoad.finish();
			minorityLoad.finish();
			TaskLoad.Done majorityDone = majorityLoad.awaitDone(this.deliveryLog);
			TaskLoad.Done minorityDone = minorityLoad.awaitDone(this.deliveryLog);
			FaultReport.record("cluster: network partition of the node leading task_queue", String.format(
					"node %d cut off for %d ms; majority side (8 clients): %d tasks confirmed, 0 lost, %d duplicates, "
							+ "%d refused with a 503, first 202 %d ms after the cut (node %d leads task_queue now); "
							+ "minority side (2 clients on an instance connected to node %d alone): %d tasks confirmed, "
							+ "0 lost, %d duplicates, 0 202s and %d 503s while cut off, first 202 %d ms after the heal",
					cut, TimeUnit.NANOSECONDS.toMillis(healing - partitioned), majorityLoad.confirmed(),
					majorityDone.duplicates(), majorityLoad.refusals().size(), electedMillis, cluster.leaderOf("task_queue"),
					cut, minorityLoad.confirmed(), minorityDone.duplicates(), minorityRefusedDuring, healMillis));
			assertThat(minorityConfirmedDuring).as("202s the minority side answered while cut off").isZero();
			assertThat(majorityLoad.unexpected()).as("majority side: answers other than 202 and 503").isEmpty();
			assertThat(minorityLoad.unexpected()).as("minority side: answers other than 202 and 503").isEmpty();
		}
		finally {
			minority.kill();
			cluster.awaitEveryNodeOnline();
		}
	}

	/**
	 * A second instance's settings: connected to node {@code node} alone, posting only (its
	 * listeners stay stopped), so that this instance's workers do every task.
	 */
	private static Map<String, Object> onlyOn(ThreeNodeCluster cluster, int node) {
		Map<String, Object> settings = new HashMap<>(cluster.serviceProperties());
		settings.put("spring.rabbitmq.addresses", cluster.node(node).address());
		settings.put("spring.rabbitmq.stream.host", cluster.node(node).host());
		settings.put("spring.rabbitmq.stream.port", cluster.node(node).streamPort());
		settings.put("spring.rabbitmq.listener.simple.auto-startup", "false");
		return settings;
	}

}
