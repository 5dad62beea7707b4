package dev.handoff.truth;

import java.util.Optional;

/** Read access to campaign truth, as the guard needs it. */
public interface TruthLookup {

	/** The highest recorded version of a campaign's truth. */
	Optional<Truth> current(String campaign);

	/** One recorded version. */
	Optional<Truth> version(String campaign, long version);

}
