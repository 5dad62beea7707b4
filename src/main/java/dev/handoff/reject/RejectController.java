package dev.handoff.reject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.handoff.api.NotFoundException;
import dev.handoff.guard.Violation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read side of the rejected queue: {@code GET /api/rejects} and {@code GET /api/rejects/{id}}. */
@RestController
class RejectController {

	private static final int MAX_PAGE_SIZE = 200;

	private final RejectStore rejects;

	RejectController(RejectStore rejects) {
		this.rejects = rejects;
	}

	@GetMapping("/api/rejects")
	Map<String, Object> list(@RequestParam(required = false) String edge, @RequestParam(required = false) String status,
			@RequestParam(required = false) String rule, @RequestParam(required = false) String campaign,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
		}
		RejectStore.Page result = rejects.list(new RejectFilter(edge, status, rule, campaign), page, size);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", result.items().stream().map(RejectController::summary).toList());
		body.put("page", result.page());
		body.put("size", result.size());
		body.put("total", result.total());
		return body;
	}

	@GetMapping("/api/rejects/{id}")
	Map<String, Object> one(@PathVariable String id) {
		Reject reject = rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id));
		Map<String, Object> body = summary(reject);
		body.put("contractSha256", reject.contractSha256());
		body.put("contentType", reject.contentType());
		body.put("declaredLength", reject.declaredLength());
		body.put("source", reject.source());
		// the text is for reading; the base64 form is the exact bytes, whatever they are
		body.put("payload", new String(reject.payload(), StandardCharsets.UTF_8));
		body.put("payloadBase64", Base64.getEncoder().encodeToString(reject.payload()));
		body.put("violations", reject.violations());
		if (reject.outboxId() != null) {
			body.put("deliveryId", reject.outboxId());
			body.put("attempts", rejects.attempts(reject.outboxId()));
		}
		return body;
	}

	private static Map<String, Object> summary(Reject r) {
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
