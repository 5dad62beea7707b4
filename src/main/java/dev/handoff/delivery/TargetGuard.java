package dev.handoff.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps deliveries away from addresses a sidecar should not be made to call: loopback,
 * private ranges, link-local (where cloud metadata services live), unless
 * {@code handoff.delivery.private-targets} allows them (the demo and a sidecar next to
 * its tool do). Checked when a route is built and again before every send, since a name
 * can start resolving elsewhere.
 */
public final class TargetGuard {

	private TargetGuard() {
	}

	/**
	 * Whether a target is an http(s) URL, sent by Handoff's own client, rather than
	 * another Camel endpoint.
	 */
	public static boolean isHttp(String target) {
		return target.startsWith("http://") || target.startsWith("https://");
	}

	/** Why the target must not be called, or empty when it may. */
	public static Optional<String> refusal(String target, boolean allowPrivate) {
		if (allowPrivate) {
			return Optional.empty();
		}
		String host = URI.create(target).getHost();
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (isPrivate(address)) {
					return Optional.of(host + " resolves to " + address.getHostAddress()
							+ ", a loopback, private or link-local address; "
							+ "set handoff.delivery.private-targets=allow if this tool really lives there");
				}
			}
		}
		catch (UnknownHostException e) {
			// an unknown name is a delivery failure to retry, not an address to refuse
			return Optional.empty();
		}
		return Optional.empty();
	}

	static boolean isPrivate(InetAddress address) {
		return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || isUniqueLocalV6(address);
	}

	private static boolean isUniqueLocalV6(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}

}
