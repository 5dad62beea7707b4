package dev.handoff.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.Gate;

import dev.handoff.access.Caller;
import dev.handoff.gate.Decision;
import dev.handoff.gate.Gates;
import dev.handoff.gate.Held;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Redaction;
import dev.handoff.reject.PersonalData;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What waits at a human gate: each held message with the gate's reason, the message as it
 * would go on with what the gate matched marked, its email rendered as it would be sent
 * (in a frame where nothing loads or runs), and the approver's decision (approve: it is
 * delivered, or a brief becomes the truth; decline: it becomes a declined reject).
 */
@Controller
class HeldScreen {

	/**
	 * How the email preview may behave: nothing loads from anywhere (no tracking pixel
	 * fires, no remote font or image), no script runs, no form submits, and only
	 * Handoff's own pages may frame it.
	 */
	static final String PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Gates gates;

	private final PersonalData personal;

	private final PayloadLayout layout;

	private final ContractRegistry contracts;

	HeldScreen(Gates gates, PersonalData personal, PayloadLayout layout, ContractRegistry contracts) {
		this.gates = gates;
		this.personal = personal;
		this.layout = layout;
		this.contracts = contracts;
	}

	/**
	 * One held message as the screen shows it.
	 *
	 * @param held the held message
	 * @param payload the message as received, the values the gate matched marked
	 * @param matched the pointers of those values, numbered as the marks are
	 * @param email whether it carries an email's HTML to preview
	 */
	record Row(Held held, PayloadView payload, List<String> matched, boolean email) {
	}

	@GetMapping("/ui/held")
	String held(HttpServletRequest request, Model model) {
		Caller me = UiSession.caller(request);
		boolean masked = Redaction.masks(me);
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
			flash.addFlashAttribute("error",
					"Say why it is declined: the comment goes with the reject to whoever fixes it.");
			return "redirect:/ui/held";
		}
		return decide(id, comment, request, flash, false);
	}

	private String decide(String id, String comment, HttpServletRequest request, RedirectAttributes flash,
			boolean approve) {
		String actor = UiSession.caller(request).name();
		String note = comment.isBlank() ? null : comment.strip();
		Decision decision;
		try {
			decision = approve ? gates.approve(id, actor, note) : gates.decline(id, actor, note);
		}
		catch (BadRequest | dev.handoff.api.NotFoundException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:/ui/held";
		}
		if (decision.conflict()) {
			flash.addFlashAttribute("error", decision.detail());
		}
		else if (approve) {
			flash.addFlashAttribute("notice",
					decision.truthVersion() != null
							? "Approved: the brief is now the truth (version " + decision.truthVersion() + ")."
							: "Approved: it is on its way to the next tool.");
		}
		else {
			flash.addFlashAttribute("notice", "Declined: it is now a reject in the queue, with your comment.");
		}
		return "redirect:/ui/held";
	}

	/**
	 * The email of a held message as it would be sent, for the preview frame: the HTML
	 * alone, under a policy that lets nothing load or run ({@link #PREVIEW_POLICY});
	 * personal data masked for a viewer, as on the page.
	 */
	@GetMapping(path = "/ui/held/{id}/email", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String email(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
		Held held = gates.find(id).orElseThrow(() -> new dev.handoff.api.NotFoundException("held message", id));
		boolean masked = Redaction.masks(UiSession.caller(request));
		response.setHeader("Content-Security-Policy", PREVIEW_POLICY);
		response.setHeader("X-Frame-Options", "SAMEORIGIN");
		return html(held, masked).orElse("<p>This message carries no email to show.</p>");
	}

	private List<Row> rows(List<Held> held, boolean masked) {
		return held.stream().map(h -> {
			// the gate's condition is written against the contract's message, which is
			// the message as received here
			List<String> matched = gate(h).map(g -> g.matchedIn(tree(h.payload()))).orElse(List.of());
			return new Row(h, layout.marked(h.payload(), matched, masked), matched, html(h, false).isPresent());
		}).toList();
	}

	private Optional<Gate> gate(Held held) {
		return contracts.current().find(held.contract()).map(c -> c.spec().gate());
	}

	/**
	 * What approval sends on: the message with its generated values, or as received when
	 * nothing was generated.
	 */
	private static byte[] sent(Held held) {
		return held.forwarded() != null ? held.forwarded() : held.payload();
	}

	/**
	 * The email's HTML as it would be sent: the first field the contract checks links in
	 * that holds HTML, read from what approval sends (its links tagged), or from the
	 * message as received when a route reshaped it elsewhere.
	 */
	private Optional<String> html(Held held, boolean masked) {
		List<JsonPointer> fields = contracts.current()
			.find(held.contract())
			.map(c -> List.copyOf(c.spec().links().keySet()))
			.orElse(List.of());
		return Stream.of(sent(held), held.payload())
			.map(bytes -> tree(masked ? personal.mask(bytes).getBytes(StandardCharsets.UTF_8) : bytes))
			.flatMap(message -> fields.stream().map(message::at))
			.filter(value -> value.isTextual() && value.asText().contains("<"))
			.map(JsonNode::asText)
			.findFirst();
	}

	private static JsonNode tree(byte[] bytes) {
		try {
			JsonNode tree = JSON.readTree(bytes);
			return tree == null ? MissingNode.getInstance() : tree;
		}
		catch (IOException notJson) {
			return MissingNode.getInstance();
		}
	}

}
