package dev.handoff.delivery;

import java.util.List;

/**
 * Targets whose URL is itself the secret, such as a Slack incoming webhook, whose path is
 * its key. The outbox keeps a reference that names the target without its secret,
 * resolved to the URL only to send; and the URL is kept out of what a tool's answer shows
 * back, like any credential ({@link TargetCredentials#scrub(String)}).
 */
public interface SecretTargets {

	/**
	 * Where a stored target points now: the target as it is when it is no reference of
	 * this kind, the URL when it is, and null when it is a reference to something no
	 * longer configured (it cannot be sent).
	 */
	String resolve(String stored);

	/** The values to hide: the URLs and their secret parts. */
	List<String> secrets();

}
