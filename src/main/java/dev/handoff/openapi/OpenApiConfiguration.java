package dev.handoff.openapi;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.access.Role;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeAnswer;
import dev.handoff.edge.EdgeProperties;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.inbound.HmacScheme;
import dev.handoff.inbound.InboundKind;
import dev.handoff.inbound.InboundSettings;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: the review API as Spring MVC serves it,
 * plus the edges, which Camel serves and springdoc cannot see, read from the loaded
 * routes. Each controller method names the answers of its own (its success, 400, 404,
 * 409, 422); what every {@code /api} call may answer is added here once: 401 without a
 * known token, 403 where the call needs more than a viewer (from {@link Role#neededFor},
 * as the access check decides), and every error as an RFC 9457 problem.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer";

	private static final String PROBLEM = "Problem";

	/**
	 * The review API answers these as problems only (see ApiExceptionHandler and the
	 * access check); a 422 may be a verdict.
	 */
	private static final Set<String> PROBLEM_STATUSES = Set.of("400", "401", "403", "404", "409", "415");

	/** The description of a schema that takes any JSON value. */
	static final String ANY = "any JSON value";

	static {
		// a JSON value of any kind (violations' expected and actual, audit details, truth
		// values), not an object with
		// JsonNode's getters as properties; Object the same, for maps of anything
		SpringDocUtils.getConfig()
			.replaceWithSchema(JsonNode.class, new Schema<>().description(ANY))
			.replaceWithSchema(ObjectNode.class, new ObjectSchema())
			.replaceWithSchema(Object.class, new Schema<>().description(ANY));
	}

	@Bean
	OpenAPI handoffOpenApi() {
		return new OpenAPI()
			// wherever it runs: the document is served by the service it describes
			.servers(List.of(new Server().url("/").description("the service that serves this document")))
			.info(new Info().title("Handoff")
				.description(
						"Guarded edges between marketing tools (POST /edges/{edge}) and the review API for the rejected queue, "
								+ "held messages, truth and audit (/api, bearer token with a role: viewer, operator, approver, admin).")
				.version("1"))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("a review token"))
				.addSchemas(PROBLEM, problemSchema()));
	}

	@Bean
	OpenApiCustomizer edgesAndBearer(EdgeRegistry edges, EdgeProperties properties) {
		return openApi -> {
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/api/")) {
					item.readOperationsMap().forEach((method, operation) -> reviewCall(method.name(), path, operation));
				}
			});
			// the edges' answers, which springdoc does not see returned by any controller
			ModelConverters.getInstance()
				.readAll(EdgeAnswer.class)
				.forEach((name, schema) -> openApi.getComponents().getSchemas().putIfAbsent(name, schema));
			for (Edge edge : edges.all()) {
				if (edge.path() != null) {
					Operation operation = edgeOperation(edge);
					SecurityScheme sender = edge.inbound() == null ? null
							: sender(edge, properties.inbound().get(edge.name()));
					if (sender != null) {
						openApi.getComponents().addSecuritySchemes("sender-" + edge.name(), sender);
						operation.addSecurityItem(new SecurityRequirement().addList("sender-" + edge.name()));
					}
					else if (edge.inbound() == InboundKind.open) {
						// said, not forgotten: anyone who can reach it may send
						operation.setSecurity(List.of(new SecurityRequirement()));
					}
					openApi.path(edge.path(), new PathItem().post(operation));
				}
			}
			anyValuesUntyped(openApi);
		};
	}

	/**
	 * springdoc types a schema of {@link #ANY} value as an object when it writes OpenAPI
	 * 3.0, which a string, a number or null in its place is not: the type comes off again
	 * here, wherever such a schema is used.
	 */
	private static void anyValuesUntyped(OpenAPI openApi) {
		Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		openApi.getComponents().getSchemas().values().forEach(schema -> untype(schema, seen));
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				operation.getRequestBody().getContent().values().forEach(media -> untype(media.getSchema(), seen));
			}
			operation.getResponses().values().forEach(response -> {
				if (response.getContent() != null) {
					response.getContent().values().forEach(media -> untype(media.getSchema(), seen));
				}
			});
		}));
	}

	private static void untype(Schema<?> schema, Set<Schema<?>> seen) {
		if (schema == null || !seen.add(schema)) {
			return;
		}
		if (ANY.equals(schema.getDescription())) {
			schema.setType(null);
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(property -> untype(property, seen));
		}
		untype(schema.getItems(), seen);
		if (schema.getAdditionalProperties() instanceof Schema<?> values) {
			untype(values, seen);
		}
	}

	private static void reviewCall(String method, String path, Operation operation) {
		operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
		ApiResponses responses = operation.getResponses();
		responses.addApiResponse("401",
				new ApiResponse().description("no bearer token, or one that is not configured"));
		Role needed = Role.neededFor(method, path);
		if (needed != Role.VIEWER) {
			responses.addApiResponse("403",
					new ApiResponse().description("the token's role is below " + needed.lowerCase()));
		}
		responses.forEach((status, response) -> {
			if (PROBLEM_STATUSES.contains(status)) {
				response.setContent(problem());
			}
		});
	}

	/**
	 * RFC 9457 problem details as {@link Problems} and Spring build them, with the
	 * members some of them add.
	 */
	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem details")
			.addProperty("type", new StringSchema().format("uri"))
			.addProperty("title", new StringSchema())
			.addProperty("status",
					new IntegerSchema().minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)))
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().description("the path that was called"))
			.addProperty("id", new StringSchema().description("413: the reject that keeps the first bytes"))
			.addProperty("limit", new IntegerSchema().format("int64").description("413: the edge's limit, in bytes"))
			.addProperty("problems", new ArraySchema().items(new Schema<>().$ref("ContractProblem"))
				.description("422 of a reload: what is wrong with the refused contracts"));
	}

	private static Content problem() {
		return new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref(PROBLEM)));
	}

	/**
	 * How the sender proves it is the edge's, as its route's {@code inbound=} says; null
	 * for an open edge.
	 */
	private static SecurityScheme sender(Edge edge, InboundSettings settings) {
		String whose = "the sender of " + edge.name() + " (inbound=" + edge.inbound().display() + ")";
		return switch (edge.inbound()) {
			case open -> null;
			case basic -> new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic").description(whose);
			case segment -> new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("basic")
				.description(whose + ": a write key as the Basic user, or as the batch's writeKey");
			case bearer -> new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description(whose);
			case api_key -> apiKeyIn(settings.header(), whose);
			case standard_webhooks -> apiKeyIn("webhook-signature",
					whose + ": with webhook-id and webhook-timestamp, a signature of them and the body");
			case hmac ->
				apiKeyIn(HmacScheme.headerOf(settings), whose + ": an HMAC of the body in the tool's own scheme");
		};
	}

	/**
	 * A credential or signature in a header; OpenAPI has no scheme for signatures, so
	 * they are named as keys.
	 */
	private static SecurityScheme apiKeyIn(String header, String description) {
		return new SecurityScheme().type(SecurityScheme.Type.APIKEY)
			.in(SecurityScheme.In.HEADER)
			.name(header)
			.description(description);
	}

	private static Operation edgeOperation(Edge edge) {
		Content json = new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema()));
		Content answer = new Content().addMediaType("application/json",
				new MediaType().schema(new Schema<>().$ref(EdgeAnswer.class.getSimpleName())));
		ApiResponses responses = new ApiResponses()
			.addApiResponse("202", new ApiResponse().description(
					"accepted (id, generated values), held at a human gate, or for a batch, what became of each event")
				.content(answer))
			.addApiResponse("400",
					new ApiResponse().description("a malformed idempotency key or a body cut short; not stored")
						.content(problem()))
			.addApiResponse("401",
					new ApiResponse()
						.description("a missing or wrong credential of the edge's inbound kind; not stored")
						.content(problem()))
			.addApiResponse("408",
					new ApiResponse().description("the sender went quiet before the whole body arrived; not stored")
						.content(problem()))
			// the document is built once, and a route reload may take an edge away
			// meanwhile (README)
			.addApiResponse("404",
					new ApiResponse().description("no route serves this edge any more; not stored").content(problem()))
			.addApiResponse("413", new ApiResponse().description("too large; stored as a reject").content(problem()))
			.addApiResponse("415",
					new ApiResponse().description("not JSON (nor a form, where the route reads forms), or compressed")
						.content(problem()))
			.addApiResponse("422",
					new ApiResponse().description("rejected and stored (id, violations)").content(answer))
			// routes/_errors.yaml answers so for a failure nobody foresaw; the fuzz run
			// fails on any 5xx all the same
			.addApiResponse("500",
					new ApiResponse().description("an unexpected failure; nothing was accepted, send again")
						.content(problem()))
			.addApiResponse("503", new ApiResponse().description("storage unavailable; send again").content(problem()));
		if (edge.deliverTo() == null) {
			responses.addApiResponse("409",
					new ApiResponse().description("another brief took this version at the same moment; send it again")
						.content(problem()));
		}
		return new Operation().operationId("edge-" + edge.name())
			.tags(List.of("edges"))
			.summary("A message for the edge '" + edge.name() + "', checked against the contract '" + edge.contract()
					+ "'")
			.description(edge.deliverTo() == null ? "Accepted messages become the campaign truth."
					: "Accepted messages are delivered to the next tool; rejected ones wait in the rejected queue.")
			.addParametersItem(new Parameter().in("header")
				.name("Idempotency-Key")
				.required(false)
				.schema(new StringSchema().minLength(1).maxLength(200).pattern("^[\\x21-\\x7e]+$"))
				.description("a repeated key answers the first outcome again and delivers nothing twice"))
			.requestBody(new RequestBody().required(true).content(json))
			.responses(responses);
	}

}
