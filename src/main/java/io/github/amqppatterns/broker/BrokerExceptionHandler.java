package io.github.amqppatterns.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The broker's failures as {@code application/problem+json} 503s, so that clients retry later.
 * Here rather than in the web package's advice, which would otherwise depend on this package.
 * Ordered first: that advice answers any exception it is asked about with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BrokerExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(BrokerExceptionHandler.class);

	/**
	 * The broker could not be reached or refused the operation: a 503 within
	 * {@code spring.rabbitmq.connection-timeout}, so clients can retry later.
	 */
	@ExceptionHandler
	ProblemDetail brokerUnavailable(AmqpException ex) {
		logger.warn("Broker unavailable: {}", ex.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The message broker is unavailable; nothing was published. Try again later.");
		problem.setTitle("Broker unavailable");
		return problem;
	}

	/**
	 * The broker refused the message, did not confirm it in time, or returned it where a queue must
	 * take it: nothing the client can rely on was published.
	 */
	@ExceptionHandler
	ProblemDetail notConfirmed(PublishFailedException ex) {
		logger.warn("Publish not confirmed: {}", ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				ex.getMessage() + ". Try again later.");
		problem.setTitle("Message not taken by the broker");
		return problem;
	}

}
