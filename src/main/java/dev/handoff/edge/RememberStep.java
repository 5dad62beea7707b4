package dev.handoff.edge;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.truth.ArtifactStore;
import dev.handoff.delivery.DeliveryRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code handoff:remember?id=<pointer>} in a delivery route: the tool's answer names what
 * it made for the campaign (Mailchimp's campaign id after {@code POST /3.0/campaigns});
 * it is kept per edge and campaign at once, in its own commit, and set as
 * {@code ${exchangeProperty.handoffArtifact}} for the calls that follow. A retry of the
 * delivery, or the next message for the campaign, finds it there and updates that instead
 * of making another.
 */
final class RememberStep implements Processor {

	private final String pointer;

	private final ArtifactStore artifacts;

	private final GroupCommit commits;

	private final ObjectMapper mapper;

	RememberStep(String pointer, ArtifactStore artifacts, GroupCommit commits, ObjectMapper mapper) {
		this.pointer = pointer;
		this.artifacts = artifacts;
		this.commits = commits;
		this.mapper = mapper;
	}

	@Override
	public void process(Exchange exchange) throws IOException {
		String edge = exchange.getProperty(DeliveryRoutes.EDGE, String.class);
		String campaign = exchange.getProperty(DeliveryRoutes.CAMPAIGN, String.class);
		if (edge == null) {
			throw new IllegalStateException(
					"handoff:remember runs in a delivery route (deliverTo=direct:...), where Handoff says which edge "
							+ "and campaign the message is for");
		}
		JsonNode answer = mapper.readTree(exchange.getMessage().getBody(byte[].class));
		JsonNode id = answer == null ? null : answer.at(pointer);
		if (id == null || !id.isValueNode() || id.asText().isEmpty()) {
			throw new IllegalStateException("the tool's answer has no " + pointer + " to remember");
		}
		if (campaign != null) {
			// the writer thread commits it: a sender thread may be interrupted at a stop,
			// and H2 must never see that
			commits.run(() -> artifacts.remember(edge, campaign, id.asText(),
					exchange.getProperty(DeliveryRoutes.DELIVERY_ID, String.class)));
		}
		exchange.setProperty(DeliveryRoutes.ARTIFACT, id.asText());
	}

}
