package dev.handoff.edge;

import dev.handoff.inbound.InboundKind;

/**
 * One handoff as its route file declares it.
 *
 * @param name the route id; under {@code /edges/} also the last segment of its path
 * @param contract the contract its guard holds messages against
 * @param deliverTo the next tool's URL, or null when accepted messages go nowhere (the
 * brief)
 * @param source where the route was defined (file and line)
 * @param batch true when it takes batches of events ({@code handoff:batch:})
 * @param queue true when it reads a queue (Kafka) instead of {@code POST /edges/<name>}
 * @param inbound who may send to it, as its guard's {@code inbound=} says; null for a
 * queue edge, which HTTP cannot reach
 * @param forms true when its route reads form bodies ({@code handoff:form}), which its
 * door then takes besides JSON
 * @param mapped true when steps before its guard map what the tool sends: the guard
 * judges what they make
 * @param polled true when another route feeds it what it reads from a tool's API on a
 * schedule (through {@code seda:}), instead of {@code POST /edges/<name>}
 * @param path where senders post to it: {@code /edges/<name>}, or the path its route
 * serves (a tool's own, such as {@code /v1/batch}); null for an edge HTTP cannot reach (a
 * queue, a poll)
 */
public record Edge(String name, String contract, String deliverTo, String source, boolean batch, boolean queue,
		InboundKind inbound, boolean forms, boolean mapped, boolean polled, String path) {

	/**
	 * An edge without a say on who may send: a queue edge, or (in tests of other things)
	 * an HTTP edge nobody posts to.
	 */
	public Edge(String name, String contract, String deliverTo, String source, boolean batch, boolean queue) {
		this(name, contract, deliverTo, source, batch, queue, null, false, false, false,
				queue ? null : "/edges/" + name);
	}

	/** An edge served over HTTP at {@code /edges/<name>}. */
	public Edge(String name, String contract, String deliverTo, String source, boolean batch) {
		this(name, contract, deliverTo, source, batch, false);
	}
}
