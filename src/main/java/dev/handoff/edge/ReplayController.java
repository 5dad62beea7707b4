package dev.handoff.edge;

import java.util.List;
import java.util.Map;

import dev.handoff.api.NotFoundException;
import dev.handoff.api.Problems;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectFilter;
import dev.handoff.reject.RejectStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/rejects/{id}/replay} (operator): 200 accepted and queued, 422 rejected again (stays open), 409 not open. */
@RestController
class ReplayController {

	/** The most one bulk call selects; call again for more. */
	private static final int LIMIT = 10_000;

	private final RejectStore rejects;

	private final Replay replay;

	ReplayController(RejectStore rejects, Replay replay) {
		this.rejects = rejects;
		this.replay = replay;
	}

	/**
	 * Bulk replay of the open rejects a filter selects (the common case: a contract was wrong, it is fixed, the
	 * rejects it caused go again). {@code dryRun=true} only counts what today's contracts and truth would accept.
	 * Safe to call twice, or from two instances at once: each reject is replayed once.
	 */
	@PostMapping("/api/rejects/replay")
	Map<String, Object> replayAll(@RequestParam(required = false) String edge, @RequestParam(required = false) String rule,
			@RequestParam(required = false) String campaign, @RequestParam(defaultValue = "false") boolean dryRun) {
		List<String> ids = rejects.ids(new RejectFilter(edge, Reject.OPEN, rule, campaign), LIMIT);
		int accepted = 0;
		int rejected = 0;
		int skipped = 0;
		for (String id : ids) {
			Reject reject = rejects.find(id).orElse(null);
			if (reject == null || !Reject.OPEN.equals(reject.status())) {
				skipped++;
			}
			else if (dryRun) {
				if (replay.wouldAccept(reject)) {
					accepted++;
				}
				else {
					rejected++;
				}
			}
			else {
				Replay.Outcome outcome = replay.replay(reject);
				if (outcome.accepted()) {
					accepted++;
				}
				else if (outcome.conflict()) {
					skipped++;
				}
				else {
					rejected++;
				}
			}
		}
		return Map.of("selected", ids.size(), "accepted", accepted, "rejectedAgain", rejected, "skipped", skipped, "dryRun", dryRun);
	}

	@PostMapping("/api/rejects/{id}/replay")
	ResponseEntity<Object> replay(@PathVariable String id) {
		Replay.Outcome outcome = replay.replay(rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id)));
		if (outcome.conflict()) {
			ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "not-replayable", "Cannot be replayed",
					String.valueOf(outcome.answer().get("detail")));
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		Map<String, Object> answer = outcome.answer();
		return ResponseEntity.status(outcome.accepted() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(answer);
	}
}
