package dev.handoff.bench.app;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.handoff.delivery.Dispatcher;
import dev.handoff.delivery.OutboxEntry;
import dev.handoff.edge.GroupCommit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Bench-only baseline {@code benchStore}: what {@code handoff:accept} does, without a guard before it. The body as
 * received goes into the outbox in one transaction (sharing commits with concurrent requests, as edges do) through
 * {@link Dispatcher#store}, which hands it to the dispatcher in memory after the commit, and the sender gets 202 after
 * the commit, exactly as an accepted message on an edge.
 */
@Component("benchStore")
class StoreWithoutGuard implements Processor {

	private final Dispatcher dispatcher;

	private final GroupCommit commits;

	private final String deliverTo;

	StoreWithoutGuard(Dispatcher dispatcher, GroupCommit commits,
			@Value("${handoff.bench.deliver-to}") String deliverTo) {
		this.dispatcher = dispatcher;
		this.commits = commits;
		this.deliverTo = deliverTo;
	}

	@Override
	public void process(Exchange exchange) {
		byte[] body = exchange.getMessage().getBody(byte[].class);
		String id = UUID.randomUUID().toString();
		commits.run(() -> dispatcher
			.store(OutboxEntry.pending(id, "bench-store", "none", "none", null, null, deliverTo, body)));
		Message answer = exchange.getMessage();
		answer.removeHeaders("*");
		answer.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
		answer.setHeader(Exchange.CONTENT_TYPE, "application/json");
		answer.setBody(("{\"id\":\"" + id + "\",\"edge\":\"bench-store\",\"outcome\":\"accepted\"}").getBytes(StandardCharsets.UTF_8));
	}
}
