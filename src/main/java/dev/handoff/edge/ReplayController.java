package dev.handoff.edge;

import java.util.Map;

import dev.handoff.api.NotFoundException;
import dev.handoff.api.Problems;
import dev.handoff.reject.RejectStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/rejects/{id}/replay} (operator): 200 accepted and queued, 422 rejected again (stays open), 409 not open. */
@RestController
class ReplayController {

	private final RejectStore rejects;

	private final Replay replay;

	ReplayController(RejectStore rejects, Replay replay) {
		this.rejects = rejects;
		this.replay = replay;
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
