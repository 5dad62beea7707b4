package dev.handoff.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import dev.handoff.access.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What the review UI keeps in a person's server-side session: who signed in, and the
 * token every form carries.
 */
final class UiSession {

	/** The name of the hidden field that carries the form token. */
	static final String CSRF_FIELD = "_csrf";

	private static final String CALLER = UiSession.class.getName() + ".caller";

	private static final String CSRF = UiSession.class.getName() + ".csrf";

	private static final SecureRandom RANDOM = new SecureRandom();

	private UiSession() {
	}

	/** Who is signed in on this request's session; null when nobody is. */
	static Caller caller(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session == null ? null : (Caller) session.getAttribute(CALLER);
	}

	/**
	 * Signs a person in on a fresh session id (so an id planted before sign-in is worth
	 * nothing) with a fresh form token.
	 */
	static void signIn(HttpServletRequest request, Caller caller) {
		request.getSession(true);
		request.changeSessionId();
		HttpSession session = request.getSession();
		session.setAttribute(CALLER, caller);
		session.setAttribute(CSRF, newToken());
	}

	/**
	 * The session's form token, made on first use (the sign-in form needs one before
	 * anyone is signed in).
	 */
	static String csrf(HttpServletRequest request) {
		HttpSession session = request.getSession(true);
		String token = (String) session.getAttribute(CSRF);
		if (token == null) {
			token = newToken();
			session.setAttribute(CSRF, token);
		}
		return token;
	}

	/**
	 * Whether a submitted form carries this session's token; compared in constant time so
	 * its timing says nothing.
	 */
	static boolean csrfMatches(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		String expected = session == null ? null : (String) session.getAttribute(CSRF);
		String given = request.getParameter(CSRF_FIELD);
		if (expected == null || given == null) {
			return false;
		}
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
