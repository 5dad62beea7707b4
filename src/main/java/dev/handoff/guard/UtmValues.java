package dev.handoff.guard;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.handoff.contract.Channel;
import dev.handoff.contract.Taxonomy;
import dev.handoff.truth.Truth;

/**
 * The UTM values a channel must carry for a campaign, generated from its truth and the taxonomy.
 */
record UtmValues(String campaign, String source, String medium) {

	static UtmValues of(Truth truth, Taxonomy taxonomy, String channelName) {
		Channel channel = taxonomy.channels().get(channelName);
		String campaign = taxonomy.normalise(taxonomy.campaignTemplate().render(truth.text()));
		return new UtmValues(campaign, channel.source(), channel.medium());
	}

	/** Parameter name to the value every owned link must carry, in the order they are added to a link. */
	Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("utm_source", source);
		parameters.put("utm_medium", medium);
		parameters.put("utm_campaign", campaign);
		return parameters;
	}
}
