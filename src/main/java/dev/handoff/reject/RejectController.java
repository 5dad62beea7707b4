package dev.handoff.reject;

import java.util.List;

import dev.handoff.access.Caller;
import dev.handoff.api.NotFoundException;
import dev.handoff.api.Page;
import dev.handoff.audit.AuditLog;
import dev.handoff.api.BadRequest;
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
	Page<RejectSummary> list(@ParameterObject RejectQuery query,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0",
					defaultValue = "0")) @RequestParam(defaultValue = "0") int page,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_PAGE_SIZE,
					defaultValue = "50")) @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new BadRequest("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
		RejectStore.Page result = rejects.list(query.filter(), page, size);
		return Page.counted(result.items().stream().map(RejectSummary::of).toList(), result.page(), result.size(),
				result.total(), result.totalExact());
	}

	@Operation(summary = "One reject, as received, with its violations and history")
	@GetMapping("/api/rejects/{id}")
	@ApiResponse(responseCode = "200", description = "the reject: payload, violations, contract, causes and history")
	@ApiResponse(responseCode = "404", description = "no such reject")
	RejectDetail one(@PathVariable String id, HttpServletRequest request) {
		Reject reject = rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id));
		return RejectDetail.of(reject, reject.outboxId() == null ? List.of() : rejects.attempts(reject.outboxId()),
				audit.forSubject(reject.id()), Redaction.of(Caller.of(request), personal));
	}

}
