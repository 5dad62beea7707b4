package dev.handoff.drift;

import java.util.Set;
import java.util.TreeSet;

import dev.handoff.contract.Contract;
import dev.handoff.contract.Generators;
import dev.handoff.contract.HandoffSpec;
import dev.handoff.contract.Taxonomy;

/**
 * Which truth fields a contract's messages are built from: the fields they must match,
 * the fields their generated values are made of (the UTM campaign template,
 * {@code truth.<field>}), and the version when they carry one. A late change of any of
 * these makes what that edge delivered stale; a change of any other field does not.
 */
public final class Dependencies {

	/** The pseudo-field for the brief version itself. */
	public static final String VERSION = "version";

	private Dependencies() {
	}

	public static Set<String> of(Contract contract, Taxonomy taxonomy) {
		HandoffSpec spec = contract.spec();
		Set<String> fields = new TreeSet<>(spec.mustMatch().values());
		boolean tagsLinks = !spec.links().isEmpty();
		for (String generator : spec.generate().values()) {
			if (generator.equals(Generators.TRACKED_URL)) {
				fields.add("landing_url");
			}
			if (generator.equals(Generators.UTM_CAMPAIGN) || generator.equals(Generators.TRACKED_URL)) {
				tagsLinks = true;
			}
			else if (generator.startsWith(Generators.TRUTH_PREFIX)) {
				fields.add(generator.substring(Generators.TRUTH_PREFIX.length()));
			}
		}
		if (tagsLinks && taxonomy != null && taxonomy.campaignTemplate() != null) {
			fields.addAll(taxonomy.campaignTemplate().fields());
		}
		// the version is how a message says which truth it was built on, not something to
		// redo
		fields.remove(VERSION);
		return fields;
	}

}
