package dev.handoff.drift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Finds every (campaign, edge) behind the truth: the edge's last delivered message was
 * built on a brief version older than the current one, and a field that edge is built
 * from changed since. Computed from the outbox and the truth history, so a drift clears
 * by itself when the edge delivers the current version.
 */
@Service
public class DriftFinder {

	private final JdbcTemplate jdbc;

	private final TruthStore truth;

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	DriftFinder(JdbcTemplate jdbc, TruthStore truth, EdgeRegistry edges, ContractRegistry contracts) {
		this.jdbc = jdbc;
		this.truth = truth;
		this.edges = edges;
		this.contracts = contracts;
	}

	/**
	 * Every drift, the longest-standing first; {@code campaign} and {@code edge} narrow
	 * it when given.
	 */
	public List<Drift> find(String campaign, String edge) {
		// kept as rows are delivered (OutboxStore.deliveredVersions): grouping the
		// delivered
		// outbox rows here read every one of them, each time
		StringBuilder sql = new StringBuilder(
				"SELECT edge, campaign, version, delivered_at FROM delivered_version WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		if (campaign != null && !campaign.isBlank()) {
			sql.append(" AND campaign = ?");
			args.add(campaign);
		}
		if (edge != null && !edge.isBlank()) {
			sql.append(" AND edge = ?");
			args.add(edge);
		}
		List<Delivered> delivered = jdbc.query(sql.toString(), (rs, n) -> new Delivered(rs.getString("edge"),
				rs.getString("campaign"), rs.getLong("version"), rs.getTimestamp("delivered_at").toInstant()),
				args.toArray());
		ContractSet set = contracts.current();
		List<Drift> drifts = new ArrayList<>();
		for (Delivered d : delivered) {
			Optional<Edge> known = edges.find(d.edge());
			Optional<Truth> current = truth.current(d.campaign());
			if (known.isEmpty() || current.isEmpty() || current.get().version() <= d.version()) {
				continue;
			}
			set.find(known.get().contract())
				.flatMap(contract -> drift(d, current.get(), Dependencies.of(contract, set.taxonomy())))
				.ifPresent(drifts::add);
		}
		drifts.sort(Comparator.comparing(Drift::behindSince).thenComparing(Drift::campaign).thenComparing(Drift::edge));
		return drifts;
	}

	private Optional<Drift> drift(Delivered d, Truth current, Set<String> dependsOn) {
		List<Truth> newestFirst = truth.history(d.campaign());
		Truth built = newestFirst.stream().filter(t -> t.version() == d.version()).findFirst().orElse(null);
		if (built == null) {
			// delivered on a version that was never recorded here: everything it depends
			// on is in doubt
			return Optional.of(new Drift(d.campaign(), d.edge(), d.version(), current.version(), current.recordedAt(),
					d.deliveredAt(), List.of(), redo(d, current, List.of())));
		}
		List<FieldChange> changes = FieldChange.between(built.fields(), current.fields(), dependsOn);
		if (changes.isEmpty()) {
			return Optional.empty();
		}
		// the first later version that touched one of its fields is when it fell behind
		Instant since = current.recordedAt();
		Truth previous = built;
		List<Truth> oldestFirst = newestFirst.stream().sorted(Comparator.comparingLong(Truth::version)).toList();
		for (Truth t : oldestFirst) {
			if (t.version() <= d.version()) {
				continue;
			}
			if (!FieldChange.between(previous.fields(), t.fields(), dependsOn).isEmpty()) {
				since = t.recordedAt();
				break;
			}
			previous = t;
		}
		return Optional.of(new Drift(d.campaign(), d.edge(), d.version(), current.version(), since, d.deliveredAt(),
				changes, redo(d, current, changes)));
	}

	private static String redo(Delivered d, Truth current, List<FieldChange> changes) {
		String fields = changes.isEmpty() ? "the brief"
				: changes.stream().map(FieldChange::field).collect(Collectors.joining(", "));
		return "Rebuild what " + d.edge() + " delivered for " + d.campaign() + " on brief v" + d.version() + " from v"
				+ current.version() + " (" + fields + " changed) and send it again";
	}

	private record Delivered(String edge, String campaign, long version, Instant deliveredAt) {
	}

}
