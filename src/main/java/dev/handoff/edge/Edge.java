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
 * @param polled true when another route feeds it what it reads from a tool's API on a schedule (through {@code seda:}),
 * instead of {@code POST /edges/<name>}
 */
public record Edge(String name, String contract, String deliverTo, String source, boolean batch, boolean queue, boolean polled) {

	/** An edge served over HTTP at {@code /edges/<name>}. */
	public Edge(String name, String contract, String deliverTo, String source, boolean batch) {
		this(name, contract, deliverTo, source, batch, false, false);
	}

	/** An edge served over HTTP, or one that reads a queue. */
	public Edge(String name, String contract, String deliverTo, String source, boolean batch, boolean queue) {
		this(name, contract, deliverTo, source, batch, queue, false);
	}
}
