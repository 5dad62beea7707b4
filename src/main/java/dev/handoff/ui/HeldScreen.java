package dev.handoff.ui;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.handoff.access.Caller;
import dev.handoff.access.Role;
import dev.handoff.gate.Decision;
import dev.handoff.gate.Gates;
import dev.handoff.gate.Held;
import dev.handoff.reject.PersonalData;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What waits at a human gate: each held message with the gate's reason and the message as it would go on, and the
 * approver's decision (approve: it is delivered, or a brief becomes the truth; decline: it becomes a declined reject).
 */
@Controller
class HeldScreen {

	private final Gates gates;

	private final PersonalData personal;

	HeldScreen(Gates gates, PersonalData personal) {
		this.gates = gates;
		this.personal = personal;
	}

	/** One held message as the screen shows it. */
	record Row(Held held, String payload) {
	}

	@GetMapping("/ui/held")
	String held(HttpServletRequest request, Model model) {
		Caller me = UiSession.caller(request);
		boolean masked = !me.may(Role.OPERATOR);
		model.addAttribute("screen", "held");
		model.addAttribute("masked", masked);
		model.addAttribute("waiting", rows(gates.list(Held.HELD), masked));
		List<Held> decided = gates.list(null).stream().filter(h -> !Held.HELD.equals(h.status())).limit(20).toList();
		model.addAttribute("decided", decided);
		return "ui/held";
	}

	@PostMapping("/ui/held/{id}/approve")
	String approve(@PathVariable String id, @RequestParam(defaultValue = "") String comment, HttpServletRequest request,
			RedirectAttributes flash) {
		return decide(id, comment, request, flash, true);
	}

	@PostMapping("/ui/held/{id}/decline")
	String decline(@PathVariable String id, @RequestParam(defaultValue = "") String comment, HttpServletRequest request,
			RedirectAttributes flash) {
		if (comment.isBlank()) {
			flash.addFlashAttribute("error", "Say why it is declined: the comment goes with the reject to whoever fixes it.");
			return "redirect:/ui/held";
		}
		return decide(id, comment, request, flash, false);
	}

	private String decide(String id, String comment, HttpServletRequest request, RedirectAttributes flash, boolean approve) {
		String actor = UiSession.caller(request).name();
		String note = comment.isBlank() ? null : comment.strip();
		Decision decision;
		try {
			decision = approve ? gates.approve(id, actor, note) : gates.decline(id, actor, note);
		}
		catch (IllegalArgumentException | dev.handoff.api.NotFoundException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:/ui/held";
		}
		if (decision.conflict()) {
			flash.addFlashAttribute("error", decision.detail());
		}
		else if (approve) {
			flash.addFlashAttribute("notice", decision.truthVersion() != null
					? "Approved: the brief is now the truth (version " + decision.truthVersion() + ")."
					: "Approved: it is on its way to the next tool.");
		}
		else {
			flash.addFlashAttribute("notice", "Declined: it is now a reject in the queue, with your comment.");
		}
		return "redirect:/ui/held";
	}

	private List<Row> rows(List<Held> held, boolean masked) {
		return held.stream()
			.map(h -> new Row(h, masked ? personal.mask(h.payload()) : pretty(h.payload())))
			.toList();
	}

	private static String pretty(byte[] payload) {
		try {
			com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
			return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(payload));
		}
		catch (java.io.IOException notJson) {
			return new String(payload, StandardCharsets.UTF_8);
		}
	}
}
