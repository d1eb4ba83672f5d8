package io.github.amqppatterns.web;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error an RFC 9457 problem that says what was wrong and what is allowed, never a stack trace.
 * The base class renders {@link ApiException}s and Spring MVC's own; here, what its defaults do not
 * say well, the broker being away, and the unforeseen.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** A 503 within {@code spring.rabbitmq.connection-timeout}, so that clients try again later. */
	@ExceptionHandler
	ProblemDetail brokerUnavailable(AmqpException ex) {
		logger.warn("Broker unavailable: {}", ex.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The message broker is unavailable; nothing was published. Try again later.");
		problem.setTitle("Broker unavailable");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The service failed unexpectedly; the failure is logged.");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (status.is5xxServerError()) {
			logger.warn("{}: {}", ex.getBody().getTitle(), ex.getMessage());
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getCause() instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
			return handleErrorResponseException(tooLarge, headers, tooLarge.getStatusCode(), request);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The request body could not be read: it is empty, malformed or of the wrong shape");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = String.format("%s; this endpoint accepts %s", ex.getMessage(),
				MediaType.toString(ex.getSupportedMediaTypes()));
		if (ex.getSupportedMediaTypes().contains(MediaType.TEXT_PLAIN)) {
			detail += ", as in: curl -H 'Content-Type: text/plain' --data-binary 'Hello World!' …";
		}
		ex.getBody().setDetail(detail);
		return handleExceptionInternal(ex, null, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ex.getBody()
			.setDetail(ex.getBindingResult()
				.getFieldErrors()
				.stream()
				.map((error) -> describe(error.getField(), error))
				.sorted()
				.collect(Collectors.joining("; ")));
		return handleExceptionInternal(ex, null, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ex.getBody()
			.setDetail(ex.getParameterValidationResults()
				.stream()
				.flatMap((result) -> result.getResolvableErrors()
					.stream()
					.map((error) -> describe(String.valueOf(result.getMethodParameter().getParameterName()), error)))
				.sorted()
				.collect(Collectors.joining("; ")));
		return handleExceptionInternal(ex, null, headers, status, request);
	}

	/** {@code limit: must be …}, or as is when the message names the value ({@code count must be …}). */
	private static String describe(String name, MessageSourceResolvable error) {
		String message = String.valueOf(error.getDefaultMessage());
		return message.startsWith(name + " ") ? message : name + ": " + message;
	}

}
