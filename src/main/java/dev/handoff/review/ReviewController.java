package dev.handoff.review;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.handoff.access.Caller;
import dev.handoff.api.NotFoundException;
import dev.handoff.api.Problems;
import dev.handoff.edge.Replay;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectQuery;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The write side of the rejected queue (operator): replay one reject (as stored, corrected, or patched), discard
 * one with a reason, and the same for everything a filter selects, previewed first and cancellable.
 */
@RestController
class ReviewController {

	static final String JSON_PATCH = "application/json-patch+json";

	private final Review review;

	private final BulkReview bulk;

	ReviewController(Review review, BulkReview bulk) {
		this.review = review;
		this.bulk = bulk;
	}

	/**
	 * 200 accepted and on its way; 422 rejected again (it stays open, the new violations are in its history);
	 * 409 not open. Body: none, a corrected payload ({@code application/json}) or a JSON Patch ({@code application/json-patch+json}).
	 */
	@PostMapping("/api/rejects/{id}/replay")
	ResponseEntity<Object> replay(@PathVariable String id, @RequestHeader(value = "Content-Type", required = false) String contentType,
			@RequestBody(required = false) byte[] body, HttpServletRequest request) {
		Replay.Outcome outcome = review.replay(id, correction(contentType, body), Caller.of(request));
		return ResponseEntity.status(outcome.accepted() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(outcome.answer());
	}

	/** One field: why it is discarded. */
	record DiscardRequest(String reason) {
	}

	@PostMapping("/api/rejects/{id}/discard")
	Map<String, Object> discard(@PathVariable String id, @RequestBody(required = false) DiscardRequest body, HttpServletRequest request) {
		Reject reject = review.discard(id, body == null ? null : body.reason(), Caller.of(request));
		return Map.of("id", reject.id(), "status", reject.status());
	}

	/**
	 * Bulk replay of the open rejects a filter selects. {@code dryRun=true}: how many are selected and how many
	 * today's contracts and truth would accept, nothing changed. Otherwise the run: it answers when done with its
	 * counts, or at once with {@code wait=false} (202, follow {@code Location}).
	 */
	@PostMapping("/api/rejects/replay")
	ResponseEntity<Object> replayAll(RejectQuery query, @RequestParam(defaultValue = "false") boolean dryRun,
			@RequestParam(defaultValue = "true") boolean wait, HttpServletRequest request) {
		if (dryRun) {
			BulkReview.Preview preview = bulk.preview(query.filter());
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("dryRun", true);
			body.put("selected", preview.selected());
			body.put("wouldAccept", preview.wouldAccept());
			body.put("wouldRejectAgain", preview.wouldRejectAgain());
			body.put("more", preview.more());
			return ResponseEntity.ok(body);
		}
		return started(bulk.replay(query.filter(), Caller.of(request), wait), wait);
	}

	/** Bulk discard of the open rejects a filter selects, with one reason; refuses a filter that selects everything. */
	@PostMapping("/api/rejects/discard")
	ResponseEntity<Object> discardAll(RejectQuery query, @RequestBody(required = false) DiscardRequest body,
			@RequestParam(defaultValue = "true") boolean wait, HttpServletRequest request) {
		if (query.selectsAll()) {
			throw new IllegalArgumentException("a bulk discard needs a filter (edge, rule, campaign, cause, since or until)");
		}
		return started(bulk.discard(query.filter(), body == null ? null : body.reason(), Caller.of(request), wait), wait);
	}

	@GetMapping("/api/rejects/jobs")
	List<BulkJob.View> jobs() {
		return bulk.list();
	}

	@GetMapping("/api/rejects/jobs/{job}")
	BulkJob.View job(@PathVariable String job) {
		return bulk.find(job).orElseThrow(() -> new NotFoundException("bulk job", job));
	}

	/** Stops a running bulk job before its next reject; 409 when it has already ended. */
	@PostMapping("/api/rejects/jobs/{job}/cancel")
	ResponseEntity<Object> cancel(@PathVariable String job, HttpServletRequest request) {
		boolean cancelled = bulk.cancel(job, Caller.of(request)).orElseThrow(() -> new NotFoundException("bulk job", job));
		if (!cancelled) {
			ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "conflict", "Not possible in its current state",
					"bulk job " + job + " has already ended");
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		return ResponseEntity.accepted().body(bulk.find(job).orElseThrow());
	}

	private static ResponseEntity<Object> started(BulkJob.View view, boolean wait) {
		if (wait) {
			return ResponseEntity.ok(view);
		}
		return ResponseEntity.accepted().location(URI.create("/api/rejects/jobs/" + view.id())).body(view);
	}

	private static Correction correction(String contentType, byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		MediaType type = contentType == null ? MediaType.APPLICATION_JSON : MediaType.parseMediaType(contentType);
		if (type.isCompatibleWith(MediaType.parseMediaType(JSON_PATCH))) {
			return Correction.jsonPatch(body);
		}
		if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return Correction.payload(body);
		}
		throw new IllegalArgumentException("a correction is sent as application/json (the whole corrected payload) or " + JSON_PATCH
				+ " (an RFC 6902 patch of the stored payload); got " + contentType);
	}
}
