package io.github.amqppatterns.web;

import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the API answers is an RFC 9457 {@code application/problem+json} that says what was
 * wrong and what is allowed; Spring MVC's own exceptions are handled by the base class the same
 * way. No stack trace ever reaches a client. The broker's failures (503) are the broker package's
 * own advice, asked first.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler
	ProblemDetail invalidInput(InvalidInputException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid input");
		problem.setProperty("input", ex.getInput());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail bodyTooLarge(BodyTooLargeException ex) {
		return tooLarge(ex);
	}

	/** A failure nobody foresaw: logged in full here, answered without internals. */
	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The service failed unexpectedly; the failure is logged.");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getCause() instanceof BodyTooLargeException tooLarge) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
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
				.map(ApiExceptionHandler::describe)
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
					.map((error) -> result.getMethodParameter().getParameterName() + ": "
							+ error.getDefaultMessage()))
				.sorted()
				.collect(Collectors.joining("; ")));
		return handleExceptionInternal(ex, null, headers, status, request);
	}

	private static String describe(FieldError error) {
		return error.getField() + ": " + error.getDefaultMessage();
	}

	private static ProblemDetail tooLarge(BodyTooLargeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setTitle("Request body too large");
		problem.setProperty("maxBytes", ex.getMaxBytes());
		return problem;
	}

}
