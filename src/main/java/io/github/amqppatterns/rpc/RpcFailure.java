package io.github.amqppatterns.rpc;

/**
 * An RPC call that got no answer, or an error reply.
 */
class RpcFailure extends RuntimeException {

	enum Kind {

		/** Nobody consumes {@code rpc_queue}: the request would only wait for the timeout. */
		NO_SERVER,

		/** No reply within the reply timeout. */
		TIMEOUT,

		/** The server answered with an error reply. */
		REFUSED

	}

	private final Kind kind;

	RpcFailure(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	Kind kind() {
		return this.kind;
	}

}
