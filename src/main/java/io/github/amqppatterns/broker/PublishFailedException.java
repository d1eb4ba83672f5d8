package io.github.amqppatterns.broker;

/**
 * The broker did not take a message: it refused it (nack), did not confirm it in time, or
 * returned it unroutable where a queue must exist. Nothing was published as far as the client
 * can rely on; answered with a 503.
 */
public class PublishFailedException extends RuntimeException {

	public PublishFailedException(String message) {
		super(message);
	}

}
