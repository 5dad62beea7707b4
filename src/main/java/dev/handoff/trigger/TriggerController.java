package dev.handoff.trigger;

import java.util.List;

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
	Triggers list() {
		return new Triggers(watch.triggers(), watch.states());
	}

	/**
	 * What {@code GET /api/triggers} answers.
	 *
	 * @param triggers the review triggers in force
	 * @param states where each stands on each edge
	 */
	record Triggers(List<Trigger> triggers, List<TriggerState> states) {
	}

}
