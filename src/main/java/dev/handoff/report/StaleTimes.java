package dev.handoff.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.drift.Dependencies;
import dev.handoff.drift.FieldChange;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.truth.Truth;
import org.springframework.stereotype.Component;

/**
 * How long edges stayed stale after late changes. A late change is a brief version 2 or
 * later recorded in the window; an edge is stale from it when it had delivered the
 * campaign on an older version before, and is built from a field the change touched (the
 * same dependencies the drift view uses), until it first delivers the new version or
 * later.
 */
@Component
class StaleTimes {

	private final ReportQueries queries;

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	StaleTimes(ReportQueries queries, EdgeRegistry edges, ContractRegistry contracts) {
		this.queries = queries;
		this.edges = edges;
		this.contracts = contracts;
	}

	/**
	 * Adds each (late change, edge) case to the tally of its edge and campaign; a case
	 * not caught up yet runs to {@code now}.
	 */
	void add(ReportQueries.Scope scope, Instant now, Function<ReportQueries.Key, Tally> tally) {
		Map<String, List<Truth>> versions = queries.truthOfChangedCampaigns(scope)
			.stream()
			.collect(Collectors.groupingBy(Truth::campaign));
		Map<ReportQueries.Key, List<ReportQueries.Delivered>> delivered = queries.deliveries(scope)
			.stream()
			.collect(Collectors.groupingBy(ReportQueries.Delivered::key));
		ContractSet set = contracts.current();
		Map<String, Optional<Set<String>>> dependencies = new HashMap<>();
		delivered.forEach((key, deliveries) -> {
			Optional<Set<String>> dependsOn = dependencies.computeIfAbsent(key.edge(),
					edge -> edges.find(edge)
						.flatMap(e -> set.find(e.contract()))
						.map(contract -> Dependencies.of(contract, set.taxonomy())));
			// an edge no route serves any more: what it was built from is unknown, so it
			// is not judged
			dependsOn.ifPresent(fields -> {
				for (Truth change : lateChanges(versions.getOrDefault(key.campaign(), List.of()), scope.window(),
						fields)) {
					stale(change, deliveries, now).ifPresent(seconds -> {
						Tally t = tally.apply(key);
						t.staleSeconds.add(seconds.seconds());
						t.stillStale += seconds.still() ? 1 : 0;
					});
				}
			});
		});
	}

	/**
	 * The versions recorded in the window that changed a field the edge is built from,
	 * compared with the version before.
	 */
	private static List<Truth> lateChanges(List<Truth> oldestFirst, Window window, Set<String> dependsOn) {
		List<Truth> changes = new ArrayList<>();
		Truth previous = null;
		for (Truth t : oldestFirst) {
			boolean inWindow = !t.recordedAt().isBefore(window.since()) && t.recordedAt().isBefore(window.until());
			// without the version before it, what changed is unknown: counted, as the
			// drift view does
			if (t.version() >= 2 && inWindow
					&& (previous == null || !FieldChange.between(previous.fields(), t.fields(), dependsOn).isEmpty())) {
				changes.add(t);
			}
			previous = t;
		}
		return changes;
	}

	private record Stale(long seconds, boolean still) {
	}

	/**
	 * How long the edge stayed on an older version after the change; empty when it had
	 * not delivered an older one before.
	 */
	private static Optional<Stale> stale(Truth change, List<ReportQueries.Delivered> deliveries, Instant now) {
		boolean hadOlder = deliveries.stream()
			.anyMatch(d -> d.version() < change.version() && d.at().isBefore(change.recordedAt()));
		if (!hadOlder) {
			return Optional.empty();
		}
		Optional<Instant> caughtUp = deliveries.stream()
			.filter(d -> d.version() >= change.version())
			.map(ReportQueries.Delivered::at)
			.min(Instant::compareTo);
		long seconds = Duration.between(change.recordedAt(), caughtUp.orElse(now)).getSeconds();
		return Optional.of(new Stale(Math.max(0, seconds), caughtUp.isEmpty()));
	}

}
