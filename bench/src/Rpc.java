package bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Scenarios 4 and 5: {@code GET /api/fib/30} through wrk, with 1 connection (sequential) and with
 * 8, against the tutorial's {@code RPCClient} on the raw amqp-client (direct reply-to), 1 and 8
 * clients, calling the same {@code fib-server} (the service's, 1 consumer, prefetch 1).
 */
final class Rpc {

	private Rpc() {
	}

	static List<Result> measure(Settings settings) throws Exception {
		List<Result> results = new ArrayList<>();
		for (int clients : new int[] { 1, 8 }) {
			Callable<Run> ours = () -> Wrk.run(settings.seconds(), "-t1", "-c" + clients, "--latency", "-s",
					"bench/wrk/get-fib.lua", Service.BASE + "/api/fib/30");
			Callable<Run> raw = () -> rawCalls(settings, clients);
			WarmUp.untilSteady(ours, 6);
			WarmUp.once(raw);
			List<Run> oursRuns = new ArrayList<>();
			List<Run> rawRuns = new ArrayList<>();
			for (int i = 0; i < settings.repetitions(); i++) {
				oursRuns.add(ours.call());
				rawRuns.add(raw.call());
			}
			results.add((clients == 1)
					? new Result("4", "`GET /api/fib/30`, wrk, 1 connection (sequential)",
							"raw amqp-client RPC, direct reply-to, same fib-server", "calls/s", oursRuns, rawRuns,
							Comparison.p50Within(0.3))
					: new Result("5", "`GET /api/fib/30`, wrk, 8 connections",
							"raw amqp-client RPC, 8 clients, same fib-server (prefetch 1)", "calls/s", oursRuns, rawRuns,
							Comparison.rateAtLeast(0.9)));
		}
		return results;
	}

	/** The tutorial's {@code RPCClient} on the raw client: direct reply-to, one call at a time. */
	private static final class RawRpcClient implements AutoCloseable {

		private final Connection connection;

		private final Channel channel;

		private final BlockingQueue<String> replies = new ArrayBlockingQueue<>(1);

		RawRpcClient(Broker broker) throws Exception {
			this.connection = broker.connect();
			this.channel = this.connection.createChannel();
			this.channel.basicConsume("amq.rabbitmq.reply-to", true,
					(tag, delivery) -> this.replies.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
					(tag) -> {
					});
		}

		void call() throws Exception {
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to")
				.correlationId(UUID.randomUUID().toString())
				.contentType("text/plain")
				.build();
			this.channel.basicPublish("", "rpc_queue", properties, "30".getBytes(StandardCharsets.UTF_8));
			String reply = this.replies.poll(5, TimeUnit.SECONDS);
			if (!"832040".equals(reply)) {
				throw new IllegalStateException("reply " + reply);
			}
		}

		@Override
		public void close() throws Exception {
			this.connection.close();
		}

	}

	/**
	 * {@code clients} raw RPC clients, each on a thread of its own, calling for the run's seconds as
	 * fast as their answers come: the calls per second, their latencies, the calls that failed.
	 */
	private static Run rawCalls(Settings settings, int clients) throws Exception {
		List<RawRpcClient> opened = new ArrayList<>();
		try {
			for (int c = 0; c < clients; c++) {
				opened.add(new RawRpcClient(settings.node()));
			}
			return ClientLoad.run(settings.seconds(), clients, (client) -> opened.get(client).call());
		}
		finally {
			for (RawRpcClient client : opened) {
				client.close();
			}
		}
	}

}
