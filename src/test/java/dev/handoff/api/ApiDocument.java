package dev.handoff.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service's own OpenAPI document as a judge of answers, with Atlassian's
 * swagger-request-validator: the status must be one the operation declares, the content
 * type one it declares for that status, and the body must match its schema. Only answers
 * are judged: tests and the fuzz run send wrong requests on purpose.
 */
public final class ApiDocument {

	private static final ObjectMapper JSON = new ObjectMapper();

	// every test class is served the same document, unless a route reload changed its
	// edges; parsing it once is enough
	private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

	private final JsonNode document;

	private final OpenApiInteractionValidator validator;

	private ApiDocument(JsonNode document, OpenApiInteractionValidator validator) {
		this.document = document;
		this.validator = validator;
	}

	/** The document as {@code /v3/api-docs} serves it. */
	public static ApiDocument of(String served) {
		try {
			return new ApiDocument(JSON.readTree(served), VALIDATORS.computeIfAbsent(served, ApiDocument::validator));
		}
		catch (java.io.IOException e) {
			throw new AssertionError("the served OpenAPI document is not JSON", e);
		}
	}

	private static OpenApiInteractionValidator validator(String document) {
		return OpenApiInteractionValidator.createForInlineApiSpecification(document)
			.withLevelResolver(LevelResolver.create()
				// calls that are no operation of the document (an unknown edge, a path
				// under /ui, a method the path does not
				// take) are not judged here; OpenApiTest checks that every operation the
				// service has is documented
				.withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
				.withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
				.build())
			.build();
	}

	public JsonNode json() {
		return document;
	}

	/**
	 * What in this answer the document does not allow; empty when the document describes
	 * it.
	 */
	public List<String> mismatches(AnswerRecorder.Answer answer) {
		Request.Method method = Request.Method.valueOf(answer.method());
		SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.status()).withBody(answer.body());
		if (answer.contentType() != null) {
			response.withContentType(answer.contentType());
		}
		ValidationReport report = validator.validateResponse(answer.path(), method, response.build());
		List<String> mismatches = new ArrayList<>();
		report.getMessages()
			.stream()
			.filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
			.forEach(message -> mismatches.add(answer + ": " + message.getKey() + ": " + message.getMessage()));
		return mismatches;
	}

}
