package io.github.amqppatterns.web;

import java.util.Arrays;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

/**
 * The OpenAPI description: a {@link TextBody} is a {@code text/plain} request body, and the statuses
 * of {@link ApiErrors} are {@code application/problem+json} responses.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final Map<Integer, String> DESCRIPTIONS = Map.of(400,
			"Invalid input; the problem's detail says what is allowed", 404,
			"No such message among the last amqp-patterns.live.journeys seen", 409,
			"A publisher-confirms run is in progress",
			413, "Body over amqp-patterns.max-body-size (64 KiB by default)", 415, "Unsupported Content-Type", 503,
			"The broker is unreachable (or, for /api/fib, no RPC server consumes rpc_queue; for /api/events, too "
					+ "many clients)",
			504, "No RPC reply within amqp-patterns.rpc.reply-timeout");

	@Bean
	OpenAPI amqpPatternsOpenApi() {
		Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status", new IntegerSchema())
			.addProperty("detail", new StringSchema().description("what was wrong, and what is allowed"))
			.addProperty("instance", new StringSchema().format("uri"));
		return new OpenAPI()
			.info(new Info().title("amqp-patterns")
				.version("1")
				.description("Every RabbitMQ tutorial pattern over REST: publish, watch who receives what "
						+ "(/api/deliveries, /api/events), follow one message (/api/messages/{messageId}), call the "
						+ "Fibonacci RPC."))
			.components(new Components().addSchemas("ProblemDetail", problem));
	}

	@Bean
	OperationCustomizer textBodiesAndProblemResponses() {
		return (operation, handlerMethod) -> {
			Arrays.stream(handlerMethod.getMethodParameters())
				.filter((parameter) -> parameter.getParameterType() == TextBody.class)
				.map(MethodParameter::getParameterName)
				.findFirst()
				.ifPresent((name) -> {
					if (operation.getParameters() != null) {
						operation.getParameters().removeIf((parameter) -> name.equals(parameter.getName()));
					}
					operation.setRequestBody(new RequestBody().required(false)
						.description("The message as UTF-8 text (another charset if the Content-Type says so); "
								+ "empty for the tutorial's default message")
						.content(new Content().addMediaType("text/plain", new MediaType().schema(new StringSchema()))));
				});
			ApiErrors errors = handlerMethod.getMethodAnnotation(ApiErrors.class);
			if (errors != null) {
				for (int status : errors.value()) {
					operation.getResponses()
						.addApiResponse(Integer.toString(status),
								new ApiResponse().description(DESCRIPTIONS.getOrDefault(status, "Error"))
									.content(new Content().addMediaType("application/problem+json",
											new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")))));
				}
			}
			return operation;
		};
	}

}
