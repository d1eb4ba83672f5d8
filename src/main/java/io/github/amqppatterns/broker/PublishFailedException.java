package io.github.amqppatterns.broker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.amqppatterns.web.ApiException;

import org.springframework.amqp.AmqpException;
import org.springframework.http.HttpStatus;

/**
 * The broker did not take a message (nack, no confirm in time, returned where a queue must
 * exist): nothing the client can rely on was published, so a 503, to try again later.
 */
public class PublishFailedException extends ApiException {

	public PublishFailedException(String message) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Message not taken by the broker", message, message + ". Try again later.");
	}

	/**
	 * The broker's answer to a publish of {@code what}, waited for at most {@code timeout} (set by
	 * {@code setting}). A broker that could not be reached is the {@link AmqpException} that said so.
	 */
	public static <T> T await(CompletableFuture<T> answer, Duration timeout, String setting, String what) {
		try {
			return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new PublishFailedException("The broker did not confirm " + what + " within " + timeout.toMillis()
					+ " ms (" + setting + "); it may or may not have been taken");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublishFailedException("Interrupted while waiting for the broker's confirm");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof AmqpException notSent) {
				throw notSent;
			}
			throw new PublishFailedException("The broker did not take " + what + ": " + ex.getCause().getMessage());
		}
	}

}
