package dev.handoff.contract;

/**
 * How links to owned domains in an HTML or URL field are held against the channel's UTM
 * values.
 */
public enum LinkMode {

	/** a missing or wrong UTM parameter is a {@code link-utm} violation */
	CHECK,
	/**
	 * missing UTM parameters are added; a wrong one is still a {@code link-utm} violation
	 */
	REWRITE

}
