package dev.handoff.edge;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.api.Problems;
import dev.handoff.delivery.Targets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/edges}, {@code GET /api/contracts} and
 * {@code POST /api/contracts/reload}: what is loaded, with hashes.
 */
@RestController
class EdgeController {

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final RouteWatcher routes;

	EdgeController(EdgeRegistry edges, ContractRegistry contracts, RouteWatcher routes) {
		this.edges = edges;
		this.contracts = contracts;
		this.routes = routes;
	}

	/**
	 * What {@code GET /api/edges} answers.
	 *
	 * @param edges the edges in force
	 * @param routesLoadedAt when the routes were last loaded
	 * @param lastError the last refused edit of the routes, if any
	 */
	record EdgesAnswer(List<EdgeSummary> edges, Instant routesLoadedAt,
			@Schema(nullable = true) ContractRegistry.Failure lastError) {
	}

	/**
	 * One edge as the API shows it: where it delivers, without the user info and query a
	 * target may carry credentials in (decided here, once, for every caller).
	 *
	 * @param name the route id
	 * @param contract the contract its guard holds messages against
	 * @param deliverTo the next tool as {@link Targets#display(String)} shows it; null
	 * when accepted messages go nowhere
	 * @param source where the route was defined (file and line)
	 * @param batch true when it takes batches of events
	 * @param queue true when it reads a queue instead of {@code POST /edges/<name>}
	 * @param inbound who may send to it, as its route says ({@code open}, {@code basic},
	 * {@code bearer}, ...); null for a queue or polled edge. The kind only: its secrets
	 * are never shown
	 * @param polled true when its messages are read from a tool's API on a schedule
	 * instead of {@code POST /edges/<name>}
	 */
	record EdgeSummary(String name, String contract, @Schema(nullable = true) String deliverTo, String source,
			boolean batch, boolean queue, @Schema(nullable = true) String inbound, boolean polled) {

		static EdgeSummary of(Edge edge) {
			return new EdgeSummary(edge.name(), edge.contract(), Targets.display(edge.deliverTo()), edge.source(),
					edge.batch(), edge.queue(), edge.inbound() == null ? null : edge.inbound().display(),
					edge.polled());
		}
	}

	@Operation(summary = "The edges in force")
	@GetMapping("/api/edges")
	EdgesAnswer edges() {
		return new EdgesAnswer(edges.all().stream().map(EdgeSummary::of).toList(), routes.loadedAt(),
				routes.lastFailure().orElse(null));
	}

	/**
	 * What {@code GET /api/contracts} answers.
	 *
	 * @param folder where the contracts are read from
	 * @param loadedAt when the set in force was loaded
	 * @param taxonomySha256 the taxonomy's version
	 * @param contracts the contracts in force, by name
	 * @param lastError the last refused reload, if any
	 */
	record ContractsAnswer(String folder, Instant loadedAt, String taxonomySha256, List<ContractSummary> contracts,
			@Schema(nullable = true) ContractRegistry.Failure lastError) {
	}

	/**
	 * One contract in force.
	 *
	 * @param file its file in the folder
	 * @param sha256 its version
	 * @param source true for the source contract (the brief), whose accepted messages
	 * become the truth
	 */
	record ContractSummary(String name, String file, String sha256, boolean source) {

		static ContractSummary of(Contract c) {
			return new ContractSummary(c.name(), c.file(), c.sha256(), c.spec().source());
		}
	}

	@Operation(summary = "The contracts in force")
	@GetMapping("/api/contracts")
	ContractsAnswer contracts() {
		ContractRegistry.Loaded loaded = contracts.loaded();
		ContractSet set = loaded.set();
		return new ContractsAnswer(set.folder(), loaded.loadedAt(), set.taxonomy().sha256(),
				set.contracts()
					.values()
					.stream()
					.sorted(Comparator.comparing(Contract::name))
					.map(ContractSummary::of)
					.toList(),
				contracts.lastFailure().orElse(null));
	}

	/**
	 * Reloads now instead of at the next look at the folder; a refused set answers 422
	 * with its problems.
	 */
	@Operation(summary = "Reload the contracts now")
	@PostMapping("/api/contracts/reload")
	@ApiResponse(responseCode = "200", description = "what is loaded now",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = ContractsAnswer.class)))
	@ApiResponse(responseCode = "422",
			description = "the new contracts were refused (problems); the last good set stays in force",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
	ResponseEntity<Object> reload() {
		boolean changed = contracts.reload(true);
		routes.check();
		if (!changed && contracts.lastFailure().isPresent()) {
			ContractRegistry.Failure failure = contracts.lastFailure().get();
			ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "contracts-refused",
					"Contracts refused", "the new contracts were refused; the last good set stays in force");
			problem.setProperty("problems", failure.problems());
			return ResponseEntity.unprocessableEntity().body(problem);
		}
		return ResponseEntity.ok(contracts());
	}

}
