package dev.handoff.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.edge.EdgeRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document describes exactly the HTTP surface the running service has. */
class OpenApiTest extends EdgeTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	EdgeRegistry edges;

	private JsonNode document() {
		var answer = get("/v3/api-docs", null);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return json(answer);
	}

	/**
	 * Every "METHOD /path" the service really answers under /api, and every edge served
	 * over HTTP.
	 */
	private Set<String> served() {
		Set<String> served = new HashSet<>();
		mappings.getHandlerMethods()
			.forEach((info, method) -> info.getPatternValues()
				.stream()
				.filter(p -> p.startsWith("/api/"))
				.forEach(path -> info.getMethodsCondition()
					.getMethods()
					.forEach(m -> served.add(m.name() + " " + path))));
		edges.all().stream().filter(e -> e.path() != null).forEach(e -> served.add("POST " + e.path()));
		return served;
	}

	private static Set<String> documented(JsonNode document) {
		Set<String> documented = new HashSet<>();
		document.get("paths")
			.properties()
			.forEach(path -> path.getValue()
				.fieldNames()
				.forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
		return documented;
	}

	@Test
	void documentsEveryApiEndpointAndEveryEdgeAndNothingElse() {
		Set<String> served = served();
		assertThat(served).contains("GET /api/rejects", "POST /api/rejects/{id}/replay",
				"POST /api/rejects/{id}/discard", "GET /api/audit", "POST /edges/email-campaign",
				"POST /edges/brief-approved");
		assertThat(documented(document())).containsExactlyInAnyOrderElementsOf(served);
	}

	@Test
	void saysTheReviewApiNeedsABearerToken() {
		JsonNode document = document();
		assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
		assertThat(document.at("/paths/~1api~1rejects/get/security/0").has("bearer")).isTrue();
		assertThat(document.at("/paths/~1edges~1email-campaign/post/responses").has("422")).isTrue();
		// an edge names its own sender's proof (email-campaign: the campaign builder's
		// bearer token), never a review token
		assertThat(document.at("/paths/~1edges~1email-campaign/post/security/0").has("sender-email-campaign")).isTrue();
		assertThat(document.at("/components/securitySchemes/sender-email-campaign/scheme").asText())
			.isEqualTo("bearer");
		assertThat(document.at("/paths/~1edges~1tracking-event/post/security/0").has("sender-tracking-event")).isTrue();
		assertThat(document.at("/components/securitySchemes/sender-tracking-event/scheme").asText()).isEqualTo("basic");
	}

	/**
	 * {@code .ci/run} lints this file with Redocly's CLI after the build: the document
	 * exactly as the service serves it.
	 */
	@Test
	void writesTheServedDocumentForTheLint() throws java.io.IOException {
		var answer = get("/v3/api-docs", null);
		assertThat(answer.statusCode()).isEqualTo(200);
		// 3.0: swagger-request-validator, which checks every test's answers against it,
		// ignores the types of 3.1
		assertThat(json(answer).path("openapi").asText()).startsWith("3.0.");
		java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), answer.body());
	}

	@Test
	void givesEveryParameterASchema() {
		java.util.List<String> without = new java.util.ArrayList<>();
		document().get("paths")
			.properties()
			.forEach(path -> path.getValue()
				.properties()
				.forEach(operation -> operation.getValue().path("parameters").forEach(parameter -> {
					if (!parameter.has("schema") && !parameter.has("content")) {
						without.add(operation.getKey() + " " + path.getKey() + " " + parameter.path("name").asText());
					}
				})));
		assertThat(without).as("a parameter without schema or content makes the document invalid").isEmpty();
	}

	/**
	 * Answers that are free-form JSON on purpose, by "METHOD path status", each with why.
	 * Empty today: every answer has a type of its own.
	 */
	private static final java.util.Map<String, String> FREE_FORM = java.util.Map.of();

	/**
	 * Every 2xx and 4xx JSON answer of every operation names its fields (or is a list of
	 * things that do, a problem, or a composition of such): an answer typed as a bare
	 * {@code object}, or as a map of any values, tells a client nothing, and the tests'
	 * answer check ({@link ApiDocument}) could then judge only its status.
	 */
	@Test
	void typesEveryJsonAnswer() {
		JsonNode document = document();
		JsonNode components = document.path("components").path("schemas");
		java.util.List<String> untyped = new java.util.ArrayList<>();
		java.util.Set<String> allowedAndSeen = new HashSet<>();
		document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			operation.getValue().path("responses").properties().forEach(response -> {
				if (!response.getKey().startsWith("2") && !response.getKey().startsWith("4")) {
					return;
				}
				response.getValue().path("content").properties().forEach(media -> {
					if (!media.getKey().contains("json")) {
						return;
					}
					String call = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
							+ response.getKey();
					if (!typed(media.getValue().path("schema"), components, 0)) {
						if (FREE_FORM.containsKey(call)) {
							allowedAndSeen.add(call);
						}
						else {
							untyped.add(call + " (" + media.getKey() + "): " + media.getValue().path("schema"));
						}
					}
				});
			});
		}));
		assertThat(untyped).as("answers whose schema names no fields").isEmpty();
		assertThat(FREE_FORM.keySet()).as("allowed free-form answers that are typed now (take them off the list)")
			.containsExactlyInAnyOrderElementsOf(allowedAndSeen);
	}

	/**
	 * Whether a schema says what the answer holds: a reference to a component that does,
	 * properties, a composition, a scalar type, an array of typed items or a map of typed
	 * values. A bare object, a schema of any value and a map of any values do not.
	 */
	private static boolean typed(JsonNode schema, JsonNode components, int depth) {
		if (schema.isMissingNode() || depth > 10) {
			return false;
		}
		if (schema.has("$ref")) {
			String ref = schema.get("$ref").asText();
			return typed(components.path(ref.substring(ref.lastIndexOf('/') + 1)), components, depth + 1);
		}
		if (schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
			return true;
		}
		if (!schema.path("properties").isEmpty()) {
			return true;
		}
		String type = schema.path("type").asText("");
		if (type.equals("array")) {
			return typed(schema.path("items"), components, depth + 1);
		}
		if (schema.path("additionalProperties").isObject()) {
			return typed(schema.get("additionalProperties"), components, depth + 1);
		}
		return !type.isEmpty() && !type.equals("object");
	}

}
