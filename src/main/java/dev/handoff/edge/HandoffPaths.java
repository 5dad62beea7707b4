package dev.handoff.edge;

import java.util.Map;
import java.util.Optional;

/**
 * The paths Handoff serves itself: an edge there would hide them, or be hidden by them.
 */
final class HandoffPaths {

	private static final Map<String, String> OWN = Map.of("/api", "review API", "/ui", "review screens", "/actuator",
			"health and metrics", "/v3/api-docs", "OpenAPI document", "/swagger-ui", "API explorer", "/hooks/airtable",
			"Airtable webhook ping");

	private HandoffPaths() {
	}

	/** What of Handoff's own serves this path, if anything does. */
	static Optional<String> taken(String path) {
		return OWN.entrySet()
			.stream()
			.filter(own -> path.equals(own.getKey()) || path.startsWith(own.getKey() + "/"))
			.map(Map.Entry::getValue)
			.findFirst();
	}

}
