package dev.handoff.ui;

import dev.handoff.access.Caller;
import dev.handoff.access.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in with a review token, signing out, and the page that says why a request was
 * refused.
 */
@Controller
class SignInScreen {

	private final Tokens tokens;

	SignInScreen(Tokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping(UiFilter.LOGIN)
	String form(@RequestParam(required = false) String next, @RequestParam(required = false) String signedOut,
			HttpServletRequest request, Model model) {
		if (UiSession.caller(request) != null) {
			return "redirect:" + safeNext(next);
		}
		model.addAttribute("next", next);
		model.addAttribute("signedOut", signedOut != null);
		return "ui/login";
	}

	@PostMapping(UiFilter.LOGIN)
	String signIn(@RequestParam(defaultValue = "") String token, @RequestParam(required = false) String next,
			HttpServletRequest request, Model model) {
		Caller caller = tokens.authenticate(token).orElse(null);
		if (caller == null) {
			model.addAttribute("next", next);
			model.addAttribute("error", true);
			return "ui/login";
		}
		UiSession.signIn(request, caller);
		return "redirect:" + safeNext(next);
	}

	@PostMapping(UiFilter.LOGOUT)
	String signOut(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		return "redirect:" + UiFilter.LOGIN + "?signedOut";
	}

	@RequestMapping(UiFilter.REFUSED)
	String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
		Object title = request.getAttribute(UiFilter.REFUSAL_TITLE);
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		model.addAttribute("status", 403);
		model.addAttribute("heading", title == null ? "Refused" : title);
		model.addAttribute("detail",
				title == null ? "This request was refused." : request.getAttribute(UiFilter.REFUSAL_DETAIL));
		return "ui/problem";
	}

	/**
	 * Only a page of the UI itself, so a link cannot send someone elsewhere after they
	 * sign in.
	 */
	static String safeNext(String next) {
		if (next == null || !next.startsWith("/ui") || next.startsWith(UiFilter.LOGIN)
				|| next.chars().anyMatch(c -> c < 0x20 || c == '\\' || c == '{')) {
			return "/ui";
		}
		return next;
	}

}
