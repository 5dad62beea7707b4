package dev.handoff.diff;

/**
 * Where a comparer puts each change it finds, so the rules need not know the file or the
 * list.
 */
@FunctionalInterface
interface ChangeSink {

	void add(String pointer, Impact impact, String description);

}
