package dev.handoff.reject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.handoff.access.Caller;
import dev.handoff.access.Role;
import dev.handoff.api.NotFoundException;
import dev.handoff.audit.AuditLog;
import dev.handoff.guard.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read side of the rejected queue: {@code GET /api/rejects} (filters, paging) and
 * {@code GET /api/rejects/{id}} (payload, violations, history). A viewer sees personal
 * data masked; an operator sees it as received.
 */
@RestController
class RejectController {

	static final int MAX_PAGE_SIZE = 200;

	private final RejectStore rejects;

	private final AuditLog audit;

	private final PersonalData personal;

	RejectController(RejectStore rejects, AuditLog audit, PersonalData personal) {
		this.rejects = rejects;
		this.audit = audit;
		this.personal = personal;
	}

	@Operation(summary = "The rejected queue, filtered and paged")
	@GetMapping("/api/rejects")
	@ApiResponse(responseCode = "200", description = "a page of the queue, newest first, with its total")
	@ApiResponse(responseCode = "400", description = "a filter, page or size out of its range")
	Map<String, Object> list(@ParameterObject RejectQuery query,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0",
					defaultValue = "0")) @RequestParam(defaultValue = "0") int page,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_PAGE_SIZE,
					defaultValue = "50")) @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
		RejectStore.Page result = rejects.list(query.filter(), page, size);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", result.items().stream().map(RejectController::summary).toList());
		body.put("page", result.page());
		body.put("size", result.size());
		body.put("total", result.total());
		// false: at least `total` match (counting stops there)
		body.put("totalExact", result.totalExact());
		return body;
	}

	@Operation(summary = "One reject, as received, with its violations and history")
	@GetMapping("/api/rejects/{id}")
	@ApiResponse(responseCode = "200", description = "the reject: payload, violations, contract, causes and history")
	@ApiResponse(responseCode = "404", description = "no such reject")
	Map<String, Object> one(@PathVariable String id, HttpServletRequest request) {
		Reject reject = rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id));
		boolean masked = !Caller.of(request).may(Role.OPERATOR);
		Map<String, Object> body = summary(reject);
		body.put("contractSha256", reject.contractSha256());
		body.put("contentType", reject.contentType());
		body.put("declaredLength", reject.declaredLength());
		body.put("source", reject.source());
		body.put("masked", masked);
		if (reject.mapped() != null) {
			// what the route's steps made of the payload: the message the guard judged,
			// which the violations point into
			body.put("mapped",
					masked ? personal.mask(reject.mapped()) : new String(reject.mapped(), StandardCharsets.UTF_8));
		}
		if (masked) {
			body.put("payload", personal.mask(reject.payload()));
			body.put("violations", personal.mask(reject.violations()));
		}
		else {
			// the text is for reading; the base64 form is the exact bytes, whatever they
			// are
			body.put("payload", new String(reject.payload(), StandardCharsets.UTF_8));
			body.put("payloadBase64", Base64.getEncoder().encodeToString(reject.payload()));
			body.put("violations", reject.violations());
		}
		body.put("causes", CauseStore.keysOf(reject).stream().map(Cause.Key::id).toList());
		if (reject.outboxId() != null) {
			body.put("deliveryId", reject.outboxId());
			body.put("attempts", rejects.attempts(reject.outboxId()));
		}
		body.put("history", history(reject, masked));
		return body;
	}

	/** Its arrival, then every replay, edit and discard from the audit trail. */
	private List<Map<String, Object>> history(Reject reject, boolean masked) {
		List<Map<String, Object>> history = new java.util.ArrayList<>();
		Map<String, Object> arrival = new LinkedHashMap<>();
		arrival.put("at", reject.receivedAt());
		arrival.put("actor", reject.source() == null ? "sender" : reject.source());
		arrival.put("action", "rejected");
		arrival.put("outcome", Reject.OPEN);
		arrival.put("detail", Map.of("rules", reject.violations().stream().map(Violation::rule).distinct().toList()));
		history.add(arrival);
		audit.forSubject(reject.id()).forEach(entry -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("at", entry.at());
			row.put("actor", entry.actor());
			row.put("action", entry.action());
			row.put("outcome", entry.outcome());
			// an edit's patch or diff and new violations can carry the very values a
			// viewer must not see
			row.put("detail", masked ? Map.of("masked", true) : entry.detail());
			history.add(row);
		});
		return history;
	}

	static Map<String, Object> summary(Reject r) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", r.id());
		body.put("edge", r.edge());
		body.put("contract", r.contract());
		body.put("campaign", r.campaign());
		body.put("status", r.status());
		body.put("rules", r.violations().stream().map(Violation::rule).distinct().toList());
		body.put("size", r.payload().length);
		body.put("receivedAt", r.receivedAt());
		return body;
	}

}
