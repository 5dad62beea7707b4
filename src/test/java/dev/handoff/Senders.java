package dev.handoff;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who sends to the shipped edges in tests: the credentials their routes ask for
 * ({@code inbound=}), how a test configures them and the header each sender presents.
 * Test values only, like the demo's.
 */
public final class Senders {

	/** The brief tool's shared token: brief-approved is {@code inbound=bearer}. */
	public static final String BRIEF_TOOL_TOKEN = "test-brief-tool-token";

	/**
	 * The campaign builder's shared token: cms-landing-page and email-campaign are
	 * {@code inbound=bearer}.
	 */
	public static final String CAMPAIGN_BUILDER_TOKEN = "test-campaign-builder-token";

	/**
	 * The Segment source's write key, the Basic user (no password) of tracking-event and
	 * tracking-batch ({@code inbound=basic}).
	 */
	public static final String WRITE_KEY = "test-segment-write-key";

	private Senders() {
	}

	/** Each shipped edge's inbound setting, by property. */
	public static Map<String, String> settings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("handoff.edges.inbound.brief-approved.tokens[0]", BRIEF_TOOL_TOKEN);
		settings.put("handoff.edges.inbound.cms-landing-page.tokens[0]", CAMPAIGN_BUILDER_TOKEN);
		settings.put("handoff.edges.inbound.email-campaign.tokens[0]", CAMPAIGN_BUILDER_TOKEN);
		settings.put("handoff.edges.inbound.tracking-event.username", WRITE_KEY);
		settings.put("handoff.edges.inbound.tracking-batch.username", WRITE_KEY);
		return settings;
	}

	/**
	 * The same settings as command-line arguments, for a service a test starts itself.
	 */
	public static List<String> arguments() {
		return settings().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
	}

	/** The {@code Authorization} value the sender of a shipped edge presents. */
	public static String authorization(String edge) {
		return switch (edge) {
			case "brief-approved" -> "Bearer " + BRIEF_TOOL_TOKEN;
			case "cms-landing-page", "email-campaign" -> "Bearer " + CAMPAIGN_BUILDER_TOKEN;
			case "tracking-event", "tracking-batch" -> basic(WRITE_KEY, "");
			default -> throw new IllegalArgumentException("no shipped edge '" + edge + "'");
		};
	}

	/** An {@code Authorization: Basic} value. */
	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
