package dev.handoff.review;

import java.util.List;

import dev.handoff.access.Caller;
import dev.handoff.api.NotFoundException;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Cause;
import dev.handoff.reject.CauseStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The queue grouped by what went wrong: {@code GET /api/causes} and the triage a person
 * sets ({@code POST /api/causes/{id}/state}, operator). Select a cause's rejects with
 * {@code ?cause=<id>}.
 */
@RestController
class CauseController {

	private final CauseStore causes;

	private final Review review;

	CauseController(CauseStore causes, Review review) {
		this.causes = causes;
		this.review = review;
	}

	@Operation(summary = "The queue grouped by what went wrong")
	@GetMapping("/api/causes")
	@ApiResponse(responseCode = "200", description = "the causes, latest seen first")
	@ApiResponse(responseCode = "400", description = "a state that does not exist")
	List<Cause> list(@RequestParam(required = false) String edge,
			@Parameter(schema = @Schema(type = "string",
					allowableValues = { Cause.OPEN, Cause.ACKNOWLEDGED, Cause.RESOLVED, Cause.IGNORED })) @RequestParam(
							required = false) String state) {
		if (state != null && !state.isBlank() && !Cause.settable(state)) {
			// as for the rejects' status: a typo is told, not answered with an empty list
			throw new BadRequest("state must be one of open, acknowledged, resolved, ignored; got '" + state + "'");
		}
		return causes.list(edge, state);
	}

	@Operation(summary = "One cause")
	@GetMapping("/api/causes/{id}")
	@ApiResponse(responseCode = "200", description = "the cause")
	@ApiResponse(responseCode = "400", description = "not a cause id")
	@ApiResponse(responseCode = "404", description = "no such cause")
	Cause one(@PathVariable String id) {
		return causes.find(Cause.Key.parse(id)).orElseThrow(() -> new NotFoundException("cause", id));
	}

	/**
	 * One field: {@code acknowledged}, {@code resolved}, {@code ignored} or {@code open}.
	 */
	record Triage(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
			Cause.OPEN, Cause.ACKNOWLEDGED, Cause.RESOLVED, Cause.IGNORED }) String state){
	}

	@Operation(summary = "Set the triage state of a cause")
	@PostMapping("/api/causes/{id}/state")
	@ApiResponse(responseCode = "200", description = "the cause in its new state")
	@ApiResponse(responseCode = "400", description = "not a cause id, or a state that does not exist")
	@ApiResponse(responseCode = "404", description = "no such cause")
	@ApiResponse(responseCode = "415", description = "a body that is not JSON")
	Cause triage(@PathVariable String id, @RequestBody(required = false) Triage body, HttpServletRequest request) {
		return review.triage(id, body == null ? null : body.state(), Caller.of(request));
	}

}
