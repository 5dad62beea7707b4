package dev.handoff.api;

import java.util.List;

import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs}: the review API as Spring MVC serves it, plus the edges, which
 * Camel serves and springdoc cannot see, read from the loaded routes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer";

	@Bean
	OpenAPI handoffOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Handoff")
				.description("Guarded edges between marketing tools (POST /edges/{edge}) and the review API for the rejected queue, "
						+ "held messages, truth and audit (/api, bearer token with a role: viewer, operator, approver, admin).")
				.version("1"))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description("a review token")));
	}

	@Bean
	OpenApiCustomizer edgesAndBearer(EdgeRegistry edges) {
		return openApi -> {
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/api/")) {
					item.readOperations().forEach(operation -> operation.addSecurityItem(new SecurityRequirement().addList(BEARER)));
				}
			});
			for (Edge edge : edges.all()) {
				if (edge.path() != null) {
					openApi.path(edge.path(), new PathItem().post(edgeOperation(edge)));
				}
			}
		};
	}

	private static Operation edgeOperation(Edge edge) {
		Content json = new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema()));
		Content problem = new Content().addMediaType("application/problem+json", new MediaType().schema(new ObjectSchema()));
		return new Operation().operationId("edge-" + edge.name())
			.tags(List.of("edges"))
			.summary("A message for the edge '" + edge.name() + "', checked against the contract '" + edge.contract() + "'")
			.description(edge.deliverTo() == null ? "Accepted messages become the campaign truth."
					: "Accepted messages are delivered to the next tool; rejected ones wait in the rejected queue.")
			.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false)
				.schema(new StringSchema().minLength(1).maxLength(200).pattern("^[\\x21-\\x7e]+$"))
				.description("a repeated key answers the first outcome again and delivers nothing twice"))
			.requestBody(new RequestBody().required(true).content(json))
			.responses(new ApiResponses()
				.addApiResponse("202", new ApiResponse().description("accepted (id, generated values) or held at a human gate").content(json))
				.addApiResponse("400", new ApiResponse().description("a malformed idempotency key or a body cut short; not stored")
					.content(problem))
				.addApiResponse("401", new ApiResponse().description("a missing or wrong credential of the edge's inbound kind; not stored")
					.content(problem))
				.addApiResponse("413", new ApiResponse().description("too large; stored as a reject").content(problem))
				.addApiResponse("415", new ApiResponse().description("not JSON (nor a form, where the route reads forms), or compressed")
					.content(problem))
				.addApiResponse("422", new ApiResponse().description("rejected and stored (id, violations)").content(json))
				.addApiResponse("503", new ApiResponse().description("storage unavailable; send again").content(problem)));
	}
}
