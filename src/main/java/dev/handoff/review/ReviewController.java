package dev.handoff.review;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.access.Caller;
import dev.handoff.api.NotFoundException;
import dev.handoff.api.Problems;
import dev.handoff.edge.Replay;
import dev.handoff.edge.ReplayAnswer;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
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
 * The write side of the rejected queue (operator): replay one reject (as stored,
 * corrected, or patched), discard one with a reason, and the same for everything a filter
 * selects, previewed first and cancellable.
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
	 * 200 accepted and on its way; 422 rejected again (it stays open, the new violations
	 * are in its history); 409 not open. Body: none, a corrected payload
	 * ({@code application/json}) or a JSON Patch ({@code application/json-patch+json}).
	 */
	@Operation(summary = "Replay one reject, as stored or corrected")
	@PostMapping("/api/rejects/{id}/replay")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			description = "none: replay as stored; JSON: the whole corrected payload",
			content = { @Content(mediaType = "application/json", schema = @Schema(implementation = JsonNode.class)),
					@Content(mediaType = JSON_PATCH,
							array = @ArraySchema(schema = @Schema(type = "object"),
									arraySchema = @Schema(description = "an RFC 6902 patch of the stored payload"))) })
	@ApiResponse(responseCode = "200",
			description = "accepted and on its way, or held at a human gate; the reject is replayed")
	@ApiResponse(responseCode = "400",
			description = "a patch that does not apply, or a body neither JSON nor a JSON Patch")
	@ApiResponse(responseCode = "404", description = "no such reject")
	@ApiResponse(responseCode = "409", description = "the reject is not open")
	@ApiResponse(responseCode = "415", description = "a Content-Type that cannot be read")
	@ApiResponse(responseCode = "422", description = "rejected again (violations); it stays open",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReplayAnswer.class)))
	ResponseEntity<ReplayAnswer> replay(@PathVariable String id,
			@Parameter(hidden = true) @RequestHeader(value = "Content-Type", required = false) String contentType,
			@RequestBody(required = false) byte[] body, HttpServletRequest request) {
		Replay.Outcome outcome = review.replay(id, correction(contentType, body), Caller.of(request));
		return ResponseEntity.status(outcome.accepted() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY)
			.body(outcome.answer());
	}

	/** One field: why it is discarded. */
	record DiscardRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
			maxLength = Review.MAX_REASON, description = "not blank; kept in the audit trail") String reason) {
	}

	@Operation(summary = "Discard one reject, with a reason")
	@PostMapping("/api/rejects/{id}/discard")
	@ApiResponse(responseCode = "200", description = "discarded")
	@ApiResponse(responseCode = "400", description = "no reason, or one too long")
	@ApiResponse(responseCode = "404", description = "no such reject")
	@ApiResponse(responseCode = "409", description = "the reject is not open")
	@ApiResponse(responseCode = "415", description = "a body that is not JSON")
	Discarded discard(@PathVariable String id, @RequestBody(required = false) DiscardRequest body,
			HttpServletRequest request) {
		Reject reject = review.discard(id, body == null ? null : body.reason(), Caller.of(request));
		return new Discarded(reject.id(), reject.status().lowerCase());
	}

	/**
	 * A reject taken out of the queue.
	 *
	 * @param id the reject
	 * @param status its status now: {@code discarded}
	 */
	record Discarded(String id, String status) {
	}

	/**
	 * What a bulk replay would do, with nothing changed.
	 *
	 * @param dryRun always true: nothing was replayed
	 * @param selected how many open rejects the filter selects (at most the bulk limit)
	 * @param wouldAccept how many of them today's contracts and truth would accept or
	 * hold
	 * @param wouldRejectAgain how many would be rejected again
	 * @param more true when the filter selects more than the bulk limit
	 */
	record DryRun(boolean dryRun, int selected, int wouldAccept, int wouldRejectAgain, boolean more) {

		static DryRun of(BulkReview.Preview preview) {
			return new DryRun(true, preview.selected(), preview.wouldAccept(), preview.wouldRejectAgain(),
					preview.more());
		}
	}

	/**
	 * Bulk replay of the open rejects a filter selects. {@code dryRun=true}: how many are
	 * selected and how many today's contracts and truth would accept, nothing changed.
	 * Otherwise the run: it answers when done with its counts, or at once with
	 * {@code wait=false} (202, follow {@code Location}).
	 */
	@Operation(summary = "Replay every open reject a filter selects, or preview it")
	@PostMapping("/api/rejects/replay")
	@ApiResponse(responseCode = "200", description = "the preview (dryRun=true), or the finished job with its counts",
			content = @Content(mediaType = "application/json",
					schema = @Schema(anyOf = { DryRun.class, BulkJob.View.class })))
	@ApiResponse(responseCode = "202", description = "wait=false: the job, started",
			headers = @Header(name = "Location", description = "the job, /api/rejects/jobs/{job}",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BulkJob.View.class)))
	@ApiResponse(responseCode = "400", description = "a filter out of its range")
	ResponseEntity<?> replayAll(@ParameterObject RejectQuery query,
			@RequestParam(defaultValue = "false") boolean dryRun, @RequestParam(defaultValue = "true") boolean wait,
			HttpServletRequest request) {
		if (dryRun) {
			return ResponseEntity.ok(DryRun.of(bulk.preview(query.filter())));
		}
		return started(bulk.replay(query.filter(), Caller.of(request), wait), wait);
	}

	/**
	 * Bulk discard of the open rejects a filter selects, with one reason; refuses a
	 * filter that selects everything.
	 */
	@Operation(summary = "Discard every open reject a filter selects")
	@PostMapping("/api/rejects/discard")
	@ApiResponse(responseCode = "200", description = "the finished job with its counts")
	@ApiResponse(responseCode = "202", description = "wait=false: the job, started",
			headers = @Header(name = "Location", description = "the job, /api/rejects/jobs/{job}",
					schema = @Schema(type = "string")),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BulkJob.View.class)))
	@ApiResponse(responseCode = "400", description = "no filter, no reason, or a filter out of its range")
	@ApiResponse(responseCode = "415", description = "a body that is not JSON")
	ResponseEntity<BulkJob.View> discardAll(@ParameterObject RejectQuery query,
			@RequestBody(required = false) DiscardRequest body, @RequestParam(defaultValue = "true") boolean wait,
			HttpServletRequest request) {
		if (query.selectsAll()) {
			throw new BadRequest("a bulk discard needs a filter (edge, rule, campaign, cause, since or until)");
		}
		return started(bulk.discard(query.filter(), body == null ? null : body.reason(), Caller.of(request), wait),
				wait);
	}

	@Operation(summary = "The bulk jobs of this instance")
	@GetMapping("/api/rejects/jobs")
	List<BulkJob.View> jobs() {
		return bulk.list();
	}

	@Operation(summary = "One bulk job")
	@GetMapping("/api/rejects/jobs/{job}")
	@ApiResponse(responseCode = "200", description = "the job")
	@ApiResponse(responseCode = "404", description = "no such job on this instance")
	BulkJob.View job(@PathVariable String job) {
		return bulk.find(job).orElseThrow(() -> new NotFoundException("bulk job", job));
	}

	/** Stops a running bulk job before its next reject; 409 when it has already ended. */
	@Operation(summary = "Stop a bulk job before its next reject")
	@PostMapping("/api/rejects/jobs/{job}/cancel")
	@ApiResponse(responseCode = "202", description = "the job, asked to stop before its next reject",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = BulkJob.View.class)))
	@ApiResponse(responseCode = "404", description = "no such job on this instance")
	@ApiResponse(responseCode = "409", description = "the job has already ended")
	ResponseEntity<Object> cancel(@PathVariable String job, HttpServletRequest request) {
		boolean cancelled = bulk.cancel(job, Caller.of(request))
			.orElseThrow(() -> new NotFoundException("bulk job", job));
		if (!cancelled) {
			ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "conflict", "Not possible in its current state",
					"bulk job " + job + " has already ended");
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
		}
		return ResponseEntity.accepted().body(bulk.find(job).orElseThrow());
	}

	private static ResponseEntity<BulkJob.View> started(BulkJob.View view, boolean wait) {
		if (wait) {
			return ResponseEntity.ok(view);
		}
		return ResponseEntity.accepted().location(URI.create("/api/rejects/jobs/" + view.id())).body(view);
	}

	private static Correction correction(String contentType, byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		MediaType type;
		try {
			type = contentType == null ? MediaType.APPLICATION_JSON : MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException e) {
			throw new BadRequest("Content-Type '" + contentType + "' cannot be read: " + e.getMessage());
		}
		if (type.isCompatibleWith(MediaType.parseMediaType(JSON_PATCH))) {
			return Correction.jsonPatch(body);
		}
		if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return Correction.payload(body);
		}
		throw new BadRequest("a correction is sent as application/json (the whole corrected payload) or " + JSON_PATCH
				+ " (an RFC 6902 patch of the stored payload); got " + contentType);
	}

}
