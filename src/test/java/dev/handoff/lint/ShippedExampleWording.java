package dev.handoff.lint;

import java.util.List;
import java.util.Map;

/**
 * What a reviewer reads for each shipped example that is rejected: every violation's
 * message, word for word. Kept in one table so that a change of wording shows here in
 * review, and both the guard in memory and the running service are held to it.
 */
public final class ShippedExampleWording {

	/** Example name ({@code edge/file}) to its violations' messages, in any order. */
	public static final Map<String, List<String>> MESSAGES = Map.ofEntries(Map
		.entry("brief-approved/04-older-version-with-other-content.json", List
			.of("campaign 'C-1001' is at brief version 2; an older brief with other content cannot replace the truth")),
			Map.entry("brief-approved/05-same-version-with-other-content.json", List
				.of("brief version 2 of campaign 'C-1001' is already recorded with other content; a changed brief needs a new version")),
			Map.entry("brief-approved/06-draft-with-bad-fields.json", List.of(
					"fields › channels is missing. The channels the campaign runs on: email, web or both",
					"fields › locale must be one of \"en-GB\", \"en-US\", \"de-DE\", \"fr-FR\" or \"nl-NL\"",
					"fields › status must be \"Approved\". Only an approved brief becomes the campaign's truth; a draft stays in the brief tool "
							+ "until it is approved")),
			Map.entry("brief-approved/07-duplicate-key.json", List
				.of("the field \"campaign_id\" is given twice in the same place: give it once, so that nobody has to guess which one counts "
						+ "(line 1, column 78)")),
			Map.entry("brief-approved/08-too-large.json",
					List.of("the message is 1048577 bytes; this edge takes at most 1048576")),
			Map.entry("cms-landing-page/02-wrong-locale.json",
					List.of("meta › locale must be exactly the brief's locale, which never differs between tools")),
			Map.entry("cms-landing-page/03-built-from-the-old-brief.json", List.of(
					"campaign 'C-1001' is at brief version 2; this message was made from an older brief",
					"meta › landing_url must be exactly the brief's landing url, which never differs between tools")),
			Map.entry("cms-landing-page/04-version-never-approved.json", List
				.of("campaign 'C-1001' is at brief version 2; this message names a version that was never approved")),
			Map.entry("cms-landing-page/05-unknown-campaign.json", List
				.of("campaign 'C-4040' has no approved brief yet, so there is no truth to hold this message against")),
			Map.entry("cms-landing-page/06-typed-campaign-tag.json", List
				.of("meta › utm_campaign is made by Handoff from the brief and was typed differently: leave it out and Handoff fills it in")),
			Map.entry("cms-landing-page/07-scheduled-without-date.json",
					List.of("date is missing. When a scheduled page (status \"future\") goes live",
							"meta › owner is not a field the contract allows here: remove it")),
			Map.entry("cms-landing-page/08-duplicate-key.json", List
				.of("the field \"title\" is given twice in the same place: give it once, so that nobody has to guess which one counts "
						+ "(line 1, column 23)")),
			Map.entry("cms-landing-page/09-too-large.json",
					List.of("the message is 2000000 bytes; this edge takes at most 1048576")),
			Map.entry("email-campaign/02-typed-utm-campaign.json", List
				.of("tracking › google_analytics is made by Handoff from the brief and was typed differently: leave it out and Handoff fills it in")),
			Map.entry("email-campaign/03-built-from-the-old-brief.json", List.of(
					"campaign 'C-1001' is at brief version 2; this message was made from an older brief",
					"handoff › landing_url must be exactly the brief's landing url, which never differs between tools")),
			Map.entry("email-campaign/04-version-never-approved.json", List
				.of("campaign 'C-1001' is at brief version 2; this message names a version that was never approved")),
			Map.entry("email-campaign/05-unknown-campaign.json", List
				.of("campaign 'C-9999' has no approved brief yet, so there is no truth to hold this message against")),
			Map.entry("email-campaign/06-retyped-landing-url.json", List
				.of("handoff › landing_url must be exactly the brief's landing url, which never differs between tools")),
			Map.entry("email-campaign/07-link-with-wrong-utm-source.json", List
				.of("link https://shop.example.com/spring-sale-2027?utm_source=newsletter has utm_source=newsletter but this channel sends mailchimp")),
			Map.entry("email-campaign/08-schema-errors.json", List.of(
					"settings › subject_line is missing. The subject people see in their inbox",
					"settings › reply_to is not an email address. The address people's replies go to",
					"recipients › list_id is not in the expected form (for example \"4ca5becb8d\"). Use the audience id from Mailchimp (Audience, "
							+ "then Settings, then Audience name and defaults): ten lowercase letters and digits, not the audience's name",
					"type must be one of \"regular\" or \"plaintext\". Mailchimp's campaign type: regular for an HTML email, plaintext for text only")),
			Map.entry("email-campaign/09-trailing-content.json", List
				.of("there is more after the end of the message: send one JSON document, not several (line 1, column 21)")),
			Map.entry("email-campaign/10-nested-too-deep.json",
					List.of("the message is nested more than 32 levels deep, deeper than this edge takes")),
			Map.entry("email-campaign/11-too-large.json",
					List.of("the message is 1048577 bytes; this edge takes at most 1048576")),
			Map.entry("tracking-event/02-typed-medium.json", List
				.of("context › campaign › medium is made by Handoff from the brief and was typed differently: leave it out and Handoff fills it in")),
			Map.entry("tracking-event/03-click-on-untagged-link.json",
					List.of("link https://shop.example.com/spring-sale-2027 is missing utm_source",
							"link https://shop.example.com/spring-sale-2027 is missing utm_medium",
							"link https://shop.example.com/spring-sale-2027 is missing utm_campaign")),
			Map.entry("tracking-event/04-unknown-campaign.json", List
				.of("campaign 'C-0000' has no approved brief yet, so there is no truth to hold this message against")),
			Map.entry("tracking-event/05-schema-errors.json", List.of("The message needs either userId or anonymousId",
					"event must be one of \"Email Delivered\", \"Email Opened\", \"Email Link Clicked\", \"Email Bounced\" or \"Unsubscribed\"")),
			Map.entry("tracking-event/06-not-json.json", List.of("the message is not JSON (line 1, column 7)")),
			Map.entry("tracking-event/07-too-large.json",
					List.of("the message is 1048600 bytes; this edge takes at most 1048576")));

	private ShippedExampleWording() {
	}

}
