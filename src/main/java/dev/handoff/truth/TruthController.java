package dev.handoff.truth;

import java.util.List;
import java.util.Map;

import dev.handoff.api.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/truth/{campaign}}: the current truth of a campaign and every version before it. */
@RestController
class TruthController {

	private final TruthStore truth;

	TruthController(TruthStore truth) {
		this.truth = truth;
	}

	@GetMapping("/api/truth/{campaign}")
	Map<String, Object> truth(@PathVariable String campaign) {
		List<Truth> history = truth.history(campaign);
		if (history.isEmpty()) {
			throw new NotFoundException("campaign", campaign);
		}
		Truth current = history.get(0);
		return Map.of("campaign", campaign, "version", current.version(), "fields", current.fields(), "recordedAt",
				current.recordedAt(), "history", history.stream().map(TruthController::version).toList());
	}

	private static Map<String, Object> version(Truth t) {
		return Map.of("version", t.version(), "fields", t.fields(), "messageId", t.messageId(), "recordedAt", t.recordedAt());
	}
}
