package dev.handoff.gate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.handoff.access.Caller;
import dev.handoff.access.Role;
import dev.handoff.api.NotFoundException;
import dev.handoff.api.Problems;
import dev.handoff.audit.AuditLog;
import dev.handoff.reject.PersonalData;
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
 * The human gates over HTTP: {@code GET /api/held} (viewer) and, for an approver, {@code POST /api/held/{id}/approve}
 * and {@code /decline} with {@code {"comment": "..."}}. A message that is no longer held, or whose truth moved on, is 409.
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

	/** What a decision says; the comment is required to decline and optional to approve. */
	record Comment(String comment) {
	}

	@GetMapping("/api/held")
	Map<String, Object> list(@RequestParam(defaultValue = Held.HELD) String status, @RequestParam(required = false) String edge,
			@RequestParam(required = false) String campaign, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
		if (!STATUSES.contains(status)) {
			throw new IllegalArgumentException("status must be one of " + STATUSES.stream().sorted().toList());
		}
		HeldStore.Page result = held.list(status, edge, campaign, page, size);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", result.items().stream().map(HeldController::summary).toList());
		body.put("page", result.page());
		body.put("size", result.size());
		body.put("total", result.total());
		return body;
	}

	@GetMapping("/api/held/{id}")
	Map<String, Object> one(@PathVariable String id, HttpServletRequest request) {
		Held h = gates.find(id).orElseThrow(() -> new NotFoundException("held message", id));
		// as for rejects: a viewer reads the message with its personal data masked
		boolean masked = !Caller.of(request).may(Role.OPERATOR);
		Map<String, Object> body = summary(h);
		body.put("contractSha256", h.contractSha256());
		body.put("contentType", h.contentType());
		body.put("masked", masked);
		if (masked) {
			body.put("payload", personal.mask(h.payload()));
		}
		else {
			// the text is for reading; the base64 form is the exact bytes, whatever they are
			body.put("payload", new String(h.payload(), StandardCharsets.UTF_8));
			body.put("payloadBase64", Base64.getEncoder().encodeToString(h.payload()));
		}
		if (h.forwarded() != null) {
			body.put("forwarded", masked ? personal.mask(h.forwarded()) : new String(h.forwarded(), StandardCharsets.UTF_8));
		}
		if (h.newTruth() != null) {
			body.put("newTruth", h.newTruth());
		}
		body.put("comment", h.comment());
		body.put("history", audit.forSubject(id));
		return body;
	}

	@PostMapping("/api/held/{id}/approve")
	ResponseEntity<Object> approve(@PathVariable String id, @RequestBody(required = false) Comment body, HttpServletRequest request) {
		return answer(gates.approve(id, Caller.of(request).name(), comment(body)));
	}

	@PostMapping("/api/held/{id}/decline")
	ResponseEntity<Object> decline(@PathVariable String id, @RequestBody(required = false) Comment body, HttpServletRequest request) {
		return answer(gates.decline(id, Caller.of(request).name(), comment(body)));
	}

	private static String comment(Comment body) {
		String comment = body == null || body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
		if (comment != null && comment.length() > MAX_COMMENT) {
			throw new IllegalArgumentException("a comment has at most " + MAX_COMMENT + " characters");
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

	private static Map<String, Object> summary(Held h) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", h.id());
		body.put("edge", h.edge());
		body.put("contract", h.contract());
		body.put("campaign", h.campaign());
		body.put("version", h.version());
		body.put("reason", h.reason());
		body.put("status", h.status());
		body.put("size", h.payload().length);
		body.put("heldAt", h.heldAt());
		body.put("decidedAt", h.decidedAt());
		body.put("decidedBy", h.decidedBy());
		return body;
	}
}
