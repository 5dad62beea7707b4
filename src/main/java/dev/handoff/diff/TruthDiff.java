package dev.handoff.diff;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares what must never vary and what is generated: the {@code x-handoff} blocks of two versions of a
 * contract, and two versions of the taxonomy. Every such change is called out, because it splits reports
 * across tools even when every message stays valid.
 */
final class TruthDiff {

	private final String file;

	private final List<Change> changes = new ArrayList<>();

	TruthDiff(String file) {
		this.file = file;
	}

	List<Change> handoff(JsonNode before, JsonNode after) {
		String at = "/x-handoff";
		entries(before.path("mustMatch"), after.path("mustMatch"), at + "/mustMatch", Impact.BREAKING_FOR_SENDERS,
				Impact.BREAKING_FOR_RECEIVERS, Impact.BREAKING_FOR_SENDERS, "must match");
		entries(before.path("generate"), after.path("generate"), at + "/generate", Impact.BREAKING_FOR_RECEIVERS,
				Impact.BREAKING_FOR_RECEIVERS, Impact.BREAKING_FOR_RECEIVERS, "is generated");
		entries(before.path("links"), after.path("links"), at + "/links", Impact.BREAKING_FOR_SENDERS, Impact.BREAKING_FOR_RECEIVERS,
				null, "has its links checked");
		for (String key : new String[] { "campaign", "version" }) {
			if (!Nodes.same(before.get(key), after.get(key))) {
				add(at + "/" + key, Impact.BREAKING_FOR_SENDERS, key + " is read from " + after.get(key) + " (was " + before.get(key) + ")");
			}
		}
		if (!Nodes.same(before.get("channel"), after.get("channel"))) {
			add(at + "/channel", Impact.BREAKING_FOR_RECEIVERS, "channel is " + after.get("channel") + " (was " + before.get("channel")
					+ "): generated utm_source and utm_medium change");
		}
		String was = before.path("onConflict").asText("reject");
		String now = after.path("onConflict").asText("reject");
		if (!was.equals(now)) {
			add(at + "/onConflict", now.equals("overwrite") ? Impact.BREAKING_FOR_RECEIVERS : Impact.BREAKING_FOR_SENDERS,
					"a typed value that differs from the generated one is now " + (now.equals("overwrite") ? "overwritten" : "rejected"));
		}
		return changes;
	}

	List<Change> taxonomy(JsonNode before, JsonNode after) {
		for (String key : new String[] { "campaign", "allowed", "maxLength" }) {
			JsonNode was = before.path("utm").get(key);
			JsonNode now = after.path("utm").get(key);
			if (!Nodes.same(was, now)) {
				add("/utm/" + key, Impact.BREAKING_FOR_RECEIVERS, "generated utm_campaign changes: " + key + " is " + now + " (was " + was + ")");
			}
		}
		for (String channel : Nodes.union(before.path("channels"), after.path("channels"))) {
			for (String key : new String[] { "source", "medium" }) {
				JsonNode was = before.path("channels").path(channel).get(key);
				JsonNode now = after.path("channels").path(channel).get(key);
				if (!Nodes.same(was, now)) {
					add("/channels/" + Nodes.escape(channel) + "/" + key, Impact.BREAKING_FOR_RECEIVERS,
							"utm_" + key + " of channel '" + channel + "' is " + now + " (was " + was + ")");
				}
			}
		}
		List<String> was = new ArrayList<>();
		before.path("domains").forEach(d -> was.add(d.asText()));
		List<String> now = new ArrayList<>();
		after.path("domains").forEach(d -> now.add(d.asText()));
		now.stream().filter(d -> !was.contains(d)).forEach(d -> add("/domains", Impact.BREAKING_FOR_SENDERS,
				"links to '" + d + "' must now carry UTM parameters"));
		was.stream().filter(d -> !now.contains(d)).forEach(d -> add("/domains", Impact.BREAKING_FOR_RECEIVERS,
				"links to '" + d + "' are no longer checked"));
		return changes;
	}

	/** Adds, removals and changes of pointer → value entries such as mustMatch. */
	private void entries(JsonNode before, JsonNode after, String at, Impact added, Impact removed, Impact changed, String what) {
		for (String pointer : Nodes.union(before, after)) {
			String here = at + "/" + Nodes.escape(pointer);
			JsonNode was = before.get(pointer);
			JsonNode now = after.get(pointer);
			if (was == null) {
				add(here, added, pointer + " now " + what + " (" + now.asText() + ")");
			}
			else if (now == null) {
				add(here, removed, pointer + " no longer " + what + " (was " + was.asText() + ")");
			}
			else if (!was.equals(now)) {
				Impact impact = changed != null ? changed
						: now.asText().equals("rewrite") ? Impact.BREAKING_FOR_RECEIVERS : Impact.BREAKING_FOR_SENDERS;
				add(here, impact, pointer + " " + what + ": " + now.asText() + " (was " + was.asText() + ")");
			}
		}
	}

	private void add(String pointer, Impact impact, String description) {
		changes.add(new Change(file, pointer, impact, description, true));
	}
}
