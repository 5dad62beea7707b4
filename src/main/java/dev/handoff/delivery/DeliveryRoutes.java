package dev.handoff.delivery;

/**
 * What a delivery route ({@code deliverTo=direct:<route>}) is told about the message
 * besides its body and the {@code Idempotency-Key} header, as exchange properties:
 * {@code ${exchangeProperty.handoffCampaign}}, ...
 */
public final class DeliveryRoutes {

	/** The edge the message was accepted on. */
	public static final String EDGE = "handoffEdge";

	/** The campaign id. */
	public static final String CAMPAIGN = "handoffCampaign";

	/** The outbox id, the same on every attempt. */
	public static final String DELIVERY_ID = "handoffDeliveryId";

	/**
	 * The id of what the tool made for this campaign on this edge, once one is remembered
	 * ({@code handoff:remember}).
	 */
	public static final String ARTIFACT = "handoffArtifact";

	private DeliveryRoutes() {
	}

}
