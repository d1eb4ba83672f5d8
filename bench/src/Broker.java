package bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.stream.Address;
import com.rabbitmq.stream.Environment;

/**
 * A RabbitMQ that bench/run made ready (a RabbitMQ 4 node or cluster it started, or the local
 * RabbitMQ), and the virtual host the benchmark works in there: every declaration, publish and
 * purge of a run stays in it, as guest.
 */
final class Broker {

	private final List<String> addresses;

	private final String virtualHost;

	private final String description;

	private final int majorVersion;

	private Broker(List<String> addresses, String virtualHost, String description, int majorVersion) {
		this.addresses = addresses;
		this.virtualHost = virtualHost;
		this.description = description;
		this.majorVersion = majorVersion;
	}

	/** The broker at {@code addresses} (host:port,...), checked by connecting to it. */
	static Broker at(String addresses, String virtualHost) throws IOException, TimeoutException {
		Broker broker = new Broker(Arrays.asList(addresses.split(",")), virtualHost, "", 0);
		try (Connection connection = broker.connect()) {
			Map<String, Object> server = connection.getServerProperties();
			String version = String.valueOf(server.get("version"));
			String nodes = (broker.addresses.size() == 1) ? "" : ", " + broker.addresses.size() + " nodes";
			return new Broker(broker.addresses, virtualHost, server.get("product") + " " + version + nodes + " at "
					+ addresses + ", virtual host `" + virtualHost + "`", Integer.parseInt(version.split("\\.")[0]));
		}
	}

	/**
	 * A connection to the first address: where the service connects too, as Boot tries the
	 * addresses in their order ({@code spring.rabbitmq.address-shuffle-mode=none}).
	 */
	Connection connect() throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		String[] first = this.addresses.get(0).split(":");
		factory.setHost(first[0]);
		factory.setPort(Integer.parseInt(first[1]));
		factory.setVirtualHost(this.virtualHost);
		return factory.newConnection("bench");
	}

	/** Empties {@code queue}: the messages it held. */
	int purge(String queue) throws IOException, TimeoutException {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			return channel.queuePurge(queue).getMessageCount();
		}
	}

	/** Whether it speaks AMQP 1.0 as RabbitMQ's AMQP 1.0 client needs it: RabbitMQ 4.0 or later. */
	boolean speaksAmqp10() {
		return this.majorVersion >= 4;
	}

	/**
	 * PerfTest's {@code --uri}, and the plain AMQP 1.0 client's: the first address, as
	 * {@link #connect()}, in the virtual host.
	 */
	String uri() {
		return "amqp://guest:guest@" + this.addresses.get(0) + "/" + this.virtualHost;
	}

	/**
	 * The service's arguments to run on this broker, in the virtual host; its stream protocol on the
	 * first node's stream port (5552 for the local RabbitMQ, 100 below the AMQP port for
	 * scripts/rabbitmq4's nodes), never on another broker of the machine.
	 */
	List<String> serviceArguments() {
		return List.of("--spring.rabbitmq.addresses=" + String.join(",", this.addresses),
				"--spring.rabbitmq.virtual-host=" + this.virtualHost, "--spring.rabbitmq.stream.host=" + host(),
				"--spring.rabbitmq.stream.port=" + streamPort());
	}

	/**
	 * A plain stream client in the virtual host, every connection to the first node's stream port,
	 * as the service's.
	 */
	Environment streamEnvironment() {
		String host = host();
		int port = streamPort();
		return Environment.builder()
			.host(host)
			.port(port)
			.addressResolver((advertised) -> new Address(host, port))
			.virtualHost(this.virtualHost)
			.build();
	}

	private String host() {
		return this.addresses.get(0).split(":")[0];
	}

	private int streamPort() {
		int port = Integer.parseInt(this.addresses.get(0).split(":")[1]);
		return (port == 5672) ? 5552 : port - 100;
	}

	/** Product, version, nodes and addresses, as the server announced itself. */
	String description() {
		return this.description;
	}

	/** Product and version alone. */
	String product() {
		return this.description.substring(0, this.description.indexOf(" at "));
	}

}
