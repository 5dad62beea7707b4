package dev.handoff.ui;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.handoff.access.Caller;
import dev.handoff.access.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of the review UI: a page needs a signed-in person, a form needs the session's
 * form token, and a change needs the role for it (replay, discard, triage and bulk replay
 * need an operator, held decisions an approver).
 */
class UiFilter extends OncePerRequestFilter {

	static final String LOGIN = "/ui/login";

	static final String LOGOUT = "/ui/logout";

	/** Where a refusal is shown; reached only by the filter's forward. */
	static final String REFUSED = "/ui/refused";

	static final String REFUSAL_TITLE = UiFilter.class.getName() + ".title";

	static final String REFUSAL_DETAIL = UiFilter.class.getName() + ".detail";

	// the stylesheet must load on the sign-in page, before anyone is signed in
	private static final Pattern ASSET = Pattern.compile("/ui/[a-z0-9-]+\\.css");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean safe = safe(request.getMethod());
		if (safe && ASSET.matcher(path).matches()) {
			chain.doFilter(request, response);
			return;
		}
		// pages hold personal data and forms: not cached, not framed (clickjacking), no
		// inline script or style
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("Content-Security-Policy",
				"default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
		Caller caller = UiSession.caller(request);
		if (caller == null && !path.equals(LOGIN)) {
			response.sendRedirect(request.getContextPath() + LOGIN + (safe ? "?next=" + next(request, path) : ""));
			return;
		}
		if (!safe && !UiSession.csrfMatches(request)) {
			refuse(request, response, "This form has expired",
					"The form did not carry this session's security token, so nothing was changed. Go back, reload the page and try again.");
			return;
		}
		Role needed = needed(request.getMethod(), path);
		if (caller != null && needed != null && !caller.may(needed)) {
			refuse(request, response, "Your role cannot do this",
					"You are signed in as " + caller.name() + " with the role " + caller.role().lowerCase()
							+ ". This needs the role " + needed.lowerCase() + " or higher. Nothing was changed.");
			return;
		}
		chain.doFilter(request, response);
	}

	private static final java.util.regex.Pattern FIX_PREVIEW = java.util.regex.Pattern.compile("/ui/rejects/[^/]+/fix");

	/** The least role a UI request needs; null for signing in and out. */
	static Role needed(String method, String path) {
		if (safe(method)) {
			// the preview of a bulk replay runs every selected reject through the guard:
			// it is the first half of a replay;
			// so is a fix's preview, which shows the message unmasked as it would be sent
			return path.equals("/ui/rejects/replay") || FIX_PREVIEW.matcher(path).matches() ? Role.OPERATOR
					: Role.VIEWER;
		}
		if (path.equals(LOGIN) || path.equals(LOGOUT)) {
			return null;
		}
		return path.startsWith("/ui/held/") ? Role.APPROVER : Role.OPERATOR;
	}

	private static boolean safe(String method) {
		return method.equals("GET") || method.equals("HEAD");
	}

	private static String next(HttpServletRequest request, String path) {
		String target = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
		return URLEncoder.encode(target, StandardCharsets.UTF_8);
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String title, String detail)
			throws ServletException, IOException {
		request.setAttribute(REFUSAL_TITLE, title);
		request.setAttribute(REFUSAL_DETAIL, detail);
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		request.getRequestDispatcher(REFUSED).forward(request, response);
	}

}
