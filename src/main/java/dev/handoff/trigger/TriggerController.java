package dev.handoff.trigger;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/triggers}: the review triggers in force and where each stands on each
 * edge.
 */
@RestController
class TriggerController {

	private final TriggerWatch watch;

	TriggerController(TriggerWatch watch) {
		this.watch = watch;
	}

	@Operation(summary = "The review triggers and where each stands")
	@GetMapping("/api/triggers")
	Map<String, Object> list() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("triggers", watch.triggers());
		body.put("states", watch.states());
		return body;
	}

}
