package dev.handoff.guard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.handoff.contract.Channel;
import dev.handoff.contract.Taxonomy;
import dev.handoff.truth.Truth;

/**
 * The UTM values a channel must carry for a campaign, generated from its truth and the
 * taxonomy. The parameters and their URL-encoded forms are made once here, not again for
 * every link of every message.
 */
final class UtmValues {

	private final String campaign;

	private final String source;

	private final String medium;

	private final Map<String, String> parameters;

	private final List<Parameter> list;

	/**
	 * One UTM parameter a link must carry: its name, its value, and the value URL-encoded
	 * as it is written into a link.
	 */
	record Parameter(String name, String value, String encoded) {
	}

	UtmValues(String campaign, String source, String medium) {
		this.campaign = campaign;
		this.source = source;
		this.medium = medium;
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("utm_source", source);
		parameters.put("utm_medium", medium);
		parameters.put("utm_campaign", campaign);
		this.parameters = Collections.unmodifiableMap(parameters);
		this.list = parameters.entrySet()
			.stream()
			.map(e -> new Parameter(e.getKey(), e.getValue(), URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)))
			.toList();
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

	/**
	 * Parameter name to the value every owned link must carry, in the order they are
	 * added to a link.
	 */
	Map<String, String> parameters() {
		return parameters;
	}

	/**
	 * The same, in the same order, each with its URL-encoded value: a list to walk for
	 * every link, no map look-ups.
	 */
	List<Parameter> list() {
		return list;
	}

}
