package dev.handoff.truth;

import java.util.Optional;

/**
 * Published, inside the recording transaction, when a new truth version is recorded, so
 * that what depends on the truth (late-change notices) is written with it or not at all.
 *
 * @param previous the version it replaces; empty for a campaign's first truth
 * @param recorded the new version
 */
public record TruthRecorded(Optional<Truth> previous, Truth recorded) {

	/** A change after the first version: the truth moved under what was built on it. */
	public boolean lateChange() {
		return previous.isPresent();
	}
}
