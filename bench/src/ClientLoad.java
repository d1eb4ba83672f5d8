package bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Raw clients shaped like the HTTP ones: {@code clients} threads, each making one call at a time
 * for a run's seconds, as fast as the answers come.
 */
final class ClientLoad {

	/** One call of client {@code client}: it returns once answered, and throws when it failed. */
	interface Call {

		void call(int client) throws Exception;

	}

	private ClientLoad() {
	}

	/** The calls per second, their latencies and the calls that failed. */
	static Run run(int seconds, int clients, Call call) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		long[][] latencies = new long[clients][];
		long[] errors = new long[clients];
		CountDownLatch done = new CountDownLatch(clients);
		for (int c = 0; c < clients; c++) {
			int index = c;
			new Thread(() -> {
				long[] mine = new long[65_536];
				int count = 0;
				try {
					while (System.nanoTime() < deadline) {
						long started = System.nanoTime();
						try {
							call.call(index);
							if (count == mine.length) {
								mine = Arrays.copyOf(mine, count * 2);
							}
							mine[count++] = System.nanoTime() - started;
						}
						catch (Exception ex) {
							errors[index]++;
						}
					}
				}
				finally {
					latencies[index] = Arrays.copyOf(mine, count);
					done.countDown();
				}
			}, "client-" + c).start();
		}
		done.await();
		long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
		return new Run(all.length / (double) seconds, Stats.percentileMillis(all, 0.50), Stats.percentileMillis(all, 0.99),
				Arrays.stream(errors).sum());
	}

}
