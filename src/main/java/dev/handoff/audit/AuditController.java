package dev.handoff.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit} (admin): the trail, newest first, paged by a cursor ({@code before} = the last seq seen). */
@RestController
class AuditController {

	private static final int MAX_PAGE_SIZE = 500;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/audit")
	Map<String, Object> list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) Instant since, @RequestParam(required = false) Long before,
			@RequestParam(defaultValue = "100") int size) {
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
		}
		List<AuditEntry> items = audit.page(actor, action, since, before == null ? Long.MAX_VALUE : before, size);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", items);
		// the cursor for the next (older) page; absent on the last page
		body.put("next", items.size() == size ? items.get(items.size() - 1).seq() : null);
		return body;
	}
}
