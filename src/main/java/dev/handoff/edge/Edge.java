package dev.handoff.edge;

/**
 * One handoff as its route file declares it.
 *
 * @param name the route id, also the last segment of its {@code /edges/...} path
 * @param contract the contract its guard holds messages against
 * @param deliverTo the next tool's URL, or null when accepted messages go nowhere (the brief)
 * @param source where the route was defined (file and line)
 * @param batch true when it takes batches of events ({@code handoff:batch:})
 * @param queue true when it reads a queue (Kafka) instead of {@code POST /edges/<name>}
 */
public record Edge(String name, String contract, String deliverTo, String source, boolean batch, boolean queue) {

	/** An edge served over HTTP at {@code /edges/<name>}. */
	public Edge(String name, String contract, String deliverTo, String source, boolean batch) {
		this(name, contract, deliverTo, source, batch, false);
	}
}
