package dev.handoff.truth;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.api.NotFoundException;
import dev.handoff.truth.ArtifactStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/truth/{campaign}}: the current truth of a campaign, every version
 * before it, and what the tools made for it (the WordPress page, the Mailchimp campaign)
 * that later messages update.
 */
@RestController
class TruthController {

	/** One version of the truth. */
	record Version(long version, ObjectNode fields, String messageId, Instant recordedAt) {

		static Version of(Truth t) {
			return new Version(t.version(), t.fields(), t.messageId(), t.recordedAt());
		}
	}

	/**
	 * The answer: the truth now, its history newest first, and the tools' artifacts by
	 * edge.
	 */
	record Answer(String campaign, long version, ObjectNode fields, Instant recordedAt, List<Version> history,
			List<ArtifactStore.Artifact> artifacts) {
	}

	private final TruthStore truth;

	private final ArtifactStore artifacts;

	TruthController(TruthStore truth, ArtifactStore artifacts) {
		this.truth = truth;
		this.artifacts = artifacts;
	}

	@Operation(summary = "The truth of a campaign and its versions")
	@GetMapping("/api/truth/{campaign}")
	@ApiResponse(responseCode = "200",
			description = "the truth now, every version before it, and what the tools made for it")
	@ApiResponse(responseCode = "404", description = "no truth for that campaign")
	Answer truth(@PathVariable String campaign) {
		List<Truth> history = truth.history(campaign);
		if (history.isEmpty()) {
			throw new NotFoundException("campaign", campaign);
		}
		Truth current = history.get(0);
		return new Answer(campaign, current.version(), current.fields(), current.recordedAt(),
				history.stream().map(Version::of).toList(), artifacts.ofCampaign(campaign));
	}

}
