package dev.handoff.diff;

/**
 * One difference between two versions of a contracts folder.
 *
 * @param file the contract or taxonomy file
 * @param pointer where in that file
 * @param impact who it can hurt
 * @param description what changed, in words
 * @param truth true when it changes what must never vary or what is generated: reports
 * split even when every message stays valid
 */
public record Change(String file, String pointer, Impact impact, String description, boolean truth) {

	@Override
	public String toString() {
		return file + " " + (pointer.isEmpty() ? "(file)" : pointer) + "  " + impact.words() + ": " + description;
	}
}
