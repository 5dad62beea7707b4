package dev.handoff.drift;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/drift}: every (campaign, edge) behind the current brief version, and
 * what must be redone.
 */
@RestController
class DriftController {

	private final DriftFinder drift;

	DriftController(DriftFinder drift) {
		this.drift = drift;
	}

	@Operation(summary = "Edges behind the current brief version")
	@GetMapping("/api/drift")
	List<Drift> list(@RequestParam(required = false) String campaign, @RequestParam(required = false) String edge) {
		return drift.find(campaign, edge);
	}

}
