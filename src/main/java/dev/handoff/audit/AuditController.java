package dev.handoff.audit;

import java.time.Instant;
import java.util.List;

import dev.handoff.api.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit} (admin): the trail, newest first, paged by a cursor
 * ({@code before} = the last seq seen).
 */
@RestController
class AuditController {

	private static final int MAX_PAGE_SIZE = 500;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@Operation(summary = "The audit trail, newest first")
	@GetMapping("/api/audit")
	@ApiResponse(responseCode = "200",
			description = "a page of the trail, newest first; next is the cursor for the page after")
	@ApiResponse(responseCode = "400", description = "a size out of its range, or a since or before that is not one")
	Trail list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) Instant since,
			@Parameter(description = "the seq of the last row seen") @RequestParam(required = false) Long before,
			@Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_PAGE_SIZE,
					defaultValue = "100")) @RequestParam(defaultValue = "100") int size) {
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new BadRequest("size must be between 1 and " + MAX_PAGE_SIZE);
		}
		List<AuditEntry> items = audit.page(actor, action, since, before == null ? Long.MAX_VALUE : before, size);
		return new Trail(items, items.size() == size ? items.get(items.size() - 1).seq() : null);
	}

	/**
	 * A page of the trail. Paged by a cursor, not by number as {@code Page} is: rows come
	 * all the time, and a cursor does not shift under the reader.
	 *
	 * @param items the rows, newest first
	 * @param next the cursor for the next (older) page ({@code before=next}); null on the
	 * last page
	 */
	record Trail(List<AuditEntry> items, @Schema(nullable = true) Long next) {
	}

}
