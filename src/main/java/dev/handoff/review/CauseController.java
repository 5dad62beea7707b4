package dev.handoff.review;

import java.util.List;

import dev.handoff.access.Caller;
import dev.handoff.api.NotFoundException;
import dev.handoff.reject.Cause;
import dev.handoff.reject.CauseStore;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The queue grouped by what went wrong: {@code GET /api/causes} and the triage a person sets
 * ({@code POST /api/causes/{id}/state}, operator). Select a cause's rejects with {@code ?cause=<id>}.
 */
@RestController
class CauseController {

	private final CauseStore causes;

	private final Review review;

	CauseController(CauseStore causes, Review review) {
		this.causes = causes;
		this.review = review;
	}

	@GetMapping("/api/causes")
	List<Cause> list(@RequestParam(required = false) String edge, @RequestParam(required = false) String state) {
		return causes.list(edge, state);
	}

	@GetMapping("/api/causes/{id}")
	Cause one(@PathVariable String id) {
		return causes.find(Cause.Key.parse(id)).orElseThrow(() -> new NotFoundException("cause", id));
	}

	/** One field: {@code acknowledged}, {@code resolved}, {@code ignored} or {@code open}. */
	record Triage(String state) {
	}

	@PostMapping("/api/causes/{id}/state")
	Cause triage(@PathVariable String id, @RequestBody(required = false) Triage body, HttpServletRequest request) {
		return review.triage(id, body == null ? null : body.state(), Caller.of(request));
	}
}
