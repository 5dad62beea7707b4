package dev.handoff.access;

/** Opens the token hashing to tests in other packages. */
public final class AccessPropertiesProbe {

	private AccessPropertiesProbe() {
	}

	public static String sha256(String token) {
		return Tokens.sha256(token);
	}

}
