package io.github.amqppatterns.web;

import java.util.Locale;
import java.util.Map;

import io.github.amqppatterns.IntegrationTest;
import io.github.amqppatterns.TutorialClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description lists every API endpoint the service maps, with its errors.
 */
@IntegrationTest
class OpenApiTests {

	@Autowired
	TutorialClient client;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void documentsEveryApiEndpointWithItsErrors() {
		JsonNode paths = apiDocs().get("paths");
		int endpoints = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			for (String path : mapping.getKey().getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				for (var method : mapping.getKey().getMethodsCondition().getMethods()) {
					JsonNode operation = paths.path(path).path(method.name().toLowerCase(Locale.ROOT));
					assertThat(operation.isObject()).as("%s %s documented", method, path).isTrue();
					ApiErrors errors = mapping.getValue().getMethodAnnotation(ApiErrors.class);
					assertThat(errors).as("%s %s declares its errors", method, path).isNotNull();
					for (int status : errors.value()) {
						assertThat(operation.path("responses").path(Integer.toString(status)).path("content")
							.has("application/problem+json")).as("%s %s answers %d", method, path, status).isTrue();
					}
					endpoints++;
				}
			}
		}
		assertThat(endpoints).isGreaterThanOrEqualTo(10);
	}

	@Test
	void describesPlainTextBodiesAsSuch() {
		JsonNode hello = apiDocs().path("paths").path("/api/hello").path("post");

		assertThat(hello.path("requestBody").path("content").has("text/plain")).isTrue();
		assertThat(hello.path("parameters")).singleElement().satisfies((parameter) -> {
			assertThat(parameter.path("name").asString()).isEqualTo("protocol");
			assertThat(parameter.path("in").asString()).isEqualTo("query");
			assertThat(parameter.path("schema").path("default").asString()).isEqualTo("amqp-0-9-1");
		});
	}

	@Test
	void servesSwaggerUi() {
		this.client.http().get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
	}

	private JsonNode apiDocs() {
		return JsonMapper.builder().build().readTree(this.client.get("/v3/api-docs", String.class));
	}

}
