package dev.handoff.guard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.handoff.contract.Channel;
import dev.handoff.contract.Taxonomy;
import dev.handoff.truth.Truth;

/**
 * The UTM values a channel must carry for a campaign, generated from its truth and the taxonomy. The parameters and
 * their URL-encoded forms are made once here, not again for every link of every message.
 */
final class UtmValues {

	private final String campaign;

	private final String source;

	private final String medium;

	private final Map<String, String> parameters;

	private final Map<String, String> encoded;

	UtmValues(String campaign, String source, String medium) {
		this.campaign = campaign;
		this.source = source;
		this.medium = medium;
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("utm_source", source);
		parameters.put("utm_medium", medium);
		parameters.put("utm_campaign", campaign);
		this.parameters = Collections.unmodifiableMap(parameters);
		Map<String, String> encoded = new LinkedHashMap<>();
		parameters.forEach((name, value) -> encoded.put(name, URLEncoder.encode(value, StandardCharsets.UTF_8)));
		this.encoded = Collections.unmodifiableMap(encoded);
	}

	static UtmValues of(Truth truth, Taxonomy taxonomy, String channelName) {
		Channel channel = taxonomy.channels().get(channelName);
		String campaign = taxonomy.normalise(taxonomy.campaignTemplate().render(truth.text()));
		return new UtmValues(campaign, channel.source(), channel.medium());
	}

	String campaign() {
		return campaign;
	}

	String source() {
		return source;
	}

	String medium() {
		return medium;
	}

	/** Parameter name to the value every owned link must carry, in the order they are added to a link. */
	Map<String, String> parameters() {
		return parameters;
	}

	/** The same, each value URL-encoded as it is written into a link. */
	String encoded(String name) {
		return encoded.get(name);
	}
}
