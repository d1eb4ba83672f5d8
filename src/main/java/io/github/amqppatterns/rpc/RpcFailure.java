package io.github.amqppatterns.rpc;

import io.github.amqppatterns.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * An RPC call that got no answer, or an error reply.
 */
class RpcFailure extends ApiException {

	enum Kind {

		/** Nobody consumes {@code rpc_queue}: the request would only wait for the timeout; a 503. */
		NO_SERVER(HttpStatus.SERVICE_UNAVAILABLE),

		/** No reply within the reply timeout: a 504. */
		TIMEOUT(HttpStatus.GATEWAY_TIMEOUT),

		/** The server answered with an error reply: a 400. */
		REFUSED(HttpStatus.BAD_REQUEST);

		private final HttpStatus status;

		Kind(HttpStatus status) {
			this.status = status;
		}

	}

	RpcFailure(Kind kind, String message) {
		super(kind.status, kind.status.getReasonPhrase(), message);
	}

}
