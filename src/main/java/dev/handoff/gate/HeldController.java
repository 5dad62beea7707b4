package dev.handoff.gate;

import java.util.Set;

import dev.handoff.access.Caller;
import dev.handoff.api.NotFoundException;
import dev.handoff.api.Page;
import dev.handoff.api.Problems;
import dev.handoff.audit.AuditLog;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.PersonalData;
import dev.handoff.reject.Redaction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The human gates over HTTP: {@code GET /api/held} (viewer) and, for an approver,
 * {@code POST /api/held/{id}/approve} and {@code /decline} with {@code {"comment":
 * "..."}}. A message that is no longer held, or whose truth moved on, is 409.
 */
@RestController
class HeldController {

	private static final int MAX_PAGE_SIZE = 200;

	private static final int MAX_COMMENT = 2000;

	private static final Set<String> STATUSES = Set.of(Held.HELD, Held.APPROVED, Held.DECLINED);

	private final HeldStore held;

	private final Gates gates;

	private final AuditLog audit;

	private final PersonalData personal;

	HeldController(HeldStore held, Gates gates, AuditLog audit, PersonalData personal) {
		this.held = held;
		this.gates = gates;
		this.audit = audit;
		this.personal = personal;
	}

	/**
	 * What a decision says; the comment is required to decline and optional to approve.
	 */
	record Comment(@Schema(maxLength = MAX_COMMENT,
			description = "required to decline; leading and trailing spaces are dropped") String comment) {
	}

	@Operation(summary = "Messages held at a human gate")
	@GetMapping("/api/held")
	@ApiResponse(responseCode = "200",
			description = "a page of held (or decided) messages, newest first, with its total")
	@ApiResponse(responseCode = "400", description = "a status that does not exist, or a page or size out of its range")
	Page<HeldSummary> list(
			@Parameter(schema = @Schema(type = "string", allowableValues = { Held.HELD, Held.APPROVED, Held.DECLINED },
					defaultValue = Held.HELD)) @RequestParam(defaultValue = Held.HELD) String status,
			@RequestParam(required = false) String edge, @RequestParam(required = false) String campaign,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0",
					defaultValue = "0")) @RequestParam(defaultValue = "0") int page,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_PAGE_SIZE,
					defaultValue = "50")) @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new BadRequest("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
		if (!STATUSES.contains(status)) {
			throw new BadRequest("status must be one of " + STATUSES.stream().sorted().toList());
		}
		HeldStore.Page result = held.list(status, edge, campaign, page, size);
		return Page.of(result.items().stream().map(HeldSummary::of).toList(), result.page(), result.size(),
				result.total());
	}

	@Operation(summary = "One held message")
	@GetMapping("/api/held/{id}")
	@ApiResponse(responseCode = "200", description = "the held message, what approving it would send, and its history")
	@ApiResponse(responseCode = "404", description = "no such held message")
	HeldDetail one(@PathVariable String id, HttpServletRequest request) {
		Held h = gates.find(id).orElseThrow(() -> new NotFoundException("held message", id));
		// as for rejects: a viewer reads the message with its personal data masked
		return HeldDetail.of(h, audit.forSubject(id), Redaction.of(Caller.of(request), personal));
	}

	@Operation(summary = "Approve a held message")
	@PostMapping("/api/held/{id}/approve")
	@ApiResponse(responseCode = "200", description = "approved: the delivery or truth version it became",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Decision.class)))
	@ApiResponse(responseCode = "400", description = "a comment too long")
	@ApiResponse(responseCode = "404", description = "no such held message")
	@ApiResponse(responseCode = "409", description = "no longer held, or the campaign's truth moved on (it stays held)")
	@ApiResponse(responseCode = "415", description = "a body that is not JSON")
	ResponseEntity<Object> approve(@PathVariable String id, @RequestBody(required = false) Comment body,
			HttpServletRequest request) {
		return answer(gates.approve(id, Caller.of(request).name(), comment(body)));
	}

	@Operation(summary = "Decline a held message")
	@PostMapping("/api/held/{id}/decline")
	@ApiResponse(responseCode = "200", description = "declined: the reject it became",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Decision.class)))
	@ApiResponse(responseCode = "400", description = "no comment, or one too long")
	@ApiResponse(responseCode = "404", description = "no such held message")
	@ApiResponse(responseCode = "409", description = "no longer held")
	@ApiResponse(responseCode = "415", description = "a body that is not JSON")
	ResponseEntity<Object> decline(@PathVariable String id, @RequestBody(required = false) Comment body,
			HttpServletRequest request) {
		return answer(gates.decline(id, Caller.of(request).name(), comment(body)));
	}

	private static String comment(Comment body) {
		String comment = body == null || body.comment() == null || body.comment().isBlank() ? null
				: body.comment().strip();
		if (comment != null && comment.length() > MAX_COMMENT) {
			throw new BadRequest("a comment has at most " + MAX_COMMENT + " characters");
		}
		return comment;
	}

	private static ResponseEntity<Object> answer(Decision decision) {
		if (decision.conflict()) {
			String title = decision.outcome().equals(Decision.STALE) ? "The truth moved on" : "Not held";
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Problems.of(HttpStatus.CONFLICT, decision.outcome(), title, decision.detail()));
		}
		return ResponseEntity.ok(decision);
	}

}
