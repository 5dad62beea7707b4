package dev.handoff.notify;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.drift.Dependencies;
import dev.handoff.drift.FieldChange;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When a brief changes after its first version, tells the owner of every edge that has
 * carried the campaign and is built from a field that changed: which campaign, which
 * fields, old and new values, what is now stale. Nothing is sent for a change of a field
 * no edge is built from.
 */
@Component
class LateChangeNotices {

	private final JdbcTemplate jdbc;

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final Notices notices;

	private final ObjectMapper mapper;

	LateChangeNotices(JdbcTemplate jdbc, EdgeRegistry edges, ContractRegistry contracts, Notices notices,
			ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.edges = edges;
		this.contracts = contracts;
		this.notices = notices;
		this.mapper = mapper;
	}

	@EventListener
	void recorded(TruthRecorded event) {
		if (!event.lateChange()) {
			return;
		}
		Truth before = event.previous().orElseThrow();
		Truth after = event.recorded();
		if (FieldChange.between(before.fields(), after.fields(), null).isEmpty()) {
			return;
		}
		ContractSet set = contracts.current();
		// delivered_version outlives the delivered rows themselves (keep-delivered); the
		// outbox adds the edges with a message on its way
		List<String> carried = jdbc.queryForList(
				"SELECT edge FROM delivered_version WHERE campaign = ? AND edge <> ? "
						+ "UNION SELECT edge FROM outbox WHERE campaign = ? AND edge <> ? ORDER BY edge",
				String.class, after.campaign(), Notices.EDGE, after.campaign(), Notices.EDGE);
		for (String name : carried) {
			Edge edge = edges.find(name).orElse(null);
			if (edge == null) {
				continue;
			}
			Set<String> dependsOn = set.find(edge.contract())
				.map(c -> Dependencies.of(c, set.taxonomy()))
				.orElse(Set.of());
			List<FieldChange> changes = FieldChange.between(before.fields(), after.fields(), dependsOn);
			if (!changes.isEmpty()) {
				notices.send("late-change", name, after.campaign(), message(edge, before, after, changes));
			}
		}
	}

	/**
	 * A Slack incoming-webhook message ({@code text}) with the same facts as data under
	 * {@code handoff}.
	 */
	private ObjectNode message(Edge edge, Truth before, Truth after, List<FieldChange> changes) {
		NotifyProperties.Owner owner = notices.owner(edge.name());
		String link = notices.link("/ui/drift?campaign=" + after.campaign());
		String fields = changes.stream()
			.map(c -> c.field() + ": " + text(c.from()) + " → " + text(c.to()))
			.collect(Collectors.joining("; "));
		ObjectNode message = mapper.createObjectNode();
		message.put("text", "Late change to campaign " + after.campaign() + " (brief v" + before.version() + " → v"
				+ after.version() + "): " + fields + ". What " + edge.name() + " delivered on v" + before.version()
				+ " is now stale and must be redone"
				+ (owner.name() == null ? ""
						: " — owner: " + owner.name() + (owner.contact() == null ? "" : " (" + owner.contact() + ")"))
				+ ". " + link);
		ObjectNode data = message.putObject("handoff");
		data.put("kind", "late-change");
		data.put("campaign", after.campaign());
		data.put("edge", edge.name());
		data.put("fromVersion", before.version());
		data.put("toVersion", after.version());
		data.put("staleEdge", edge.name());
		data.put("owner", owner.name());
		ArrayNode changed = data.putArray("changes");
		changes.forEach(c -> changed.addObject().put("field", c.field()).set("from", c.from()));
		for (int i = 0; i < changes.size(); i++) {
			((ObjectNode) changed.get(i)).set("to", changes.get(i).to());
		}
		data.put("link", link);
		return message;
	}

	private static String text(com.fasterxml.jackson.databind.JsonNode value) {
		return value == null || value.isNull() ? "(none)" : value.isValueNode() ? value.asText() : value.toString();
	}

}
