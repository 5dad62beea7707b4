package dev.handoff.ui;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.access.Caller;
import dev.handoff.api.ConflictException;
import dev.handoff.api.NotFoundException;
import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.edge.Replay;
import dev.handoff.guard.Violation;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Redaction;
import dev.handoff.reject.PersonalData;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import dev.handoff.review.Correction;
import dev.handoff.review.Fix;
import dev.handoff.review.Fixes;
import dev.handoff.review.Review;
import dev.handoff.review.Unreadable;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One reject: what it is, its payload with each violation marked where it points, each
 * violation in plain words, the editor to correct it and send it on, discard, and its
 * history.
 */
@Controller
class RejectScreen {

	private final RejectStore rejects;

	private final Review review;

	private final ContractRegistry contracts;

	private final PersonalData personal;

	private final PayloadLayout layout;

	private final History history;

	private final ObjectMapper mapper;

	private final Fixes fixes;

	RejectScreen(RejectStore rejects, Review review, ContractRegistry contracts, PersonalData personal,
			PayloadLayout layout, History history, ObjectMapper mapper, Fixes fixes) {
		this.fixes = fixes;
		this.rejects = rejects;
		this.review = review;
		this.contracts = contracts;
		this.personal = personal;
		this.layout = layout;
		this.history = history;
		this.mapper = mapper;
	}

	@GetMapping("/ui/rejects/{id}")
	String reject(@PathVariable String id, HttpServletRequest request, Model model) {
		Reject reject = rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id));
		boolean masked = Redaction.masks(UiSession.caller(request));
		List<Violation> violations = masked ? personal.mask(reject.violations()) : reject.violations();
		model.addAttribute("screen", "queue");
		model.addAttribute("reject", reject);
		model.addAttribute("masked", masked);
		model.addAttribute("violations", Explained.of(violations));
		// the violations point into the message the guard judged: what the route's steps
		// made of the bytes, when it mapped them
		model.addAttribute("payload",
				layout.layout(reject.mapped() != null ? reject.mapped() : reject.payload(), violations, masked));
		model.addAttribute("mapped", reject.mapped() != null);
		if (reject.mapped() != null) {
			model.addAttribute("received",
					masked ? personal.mask(reject.payload()) : layout.editable(reject.payload()));
		}
		model.addAttribute("contractNow", contracts.find(reject.contract()).map(Contract::sha256).orElse(null));
		model.addAttribute("history", history.of(reject, masked));
		model.addAttribute("open", reject.status() == Reject.Status.OPEN);
		if (!masked && !model.containsAttribute("attempt")) {
			model.addAttribute("attempt", layout.editable(reject.payload()));
		}
		if (model.getAttribute("attempt") instanceof String attempt) {
			// as tall as the message, so the numbers beside it stay in line with its
			// lines: the page scrolls, not the editor
			long lines = Math.max(1, attempt.lines().count());
			model.addAttribute("editorRows", Math.max(6, lines + 2));
			model.addAttribute("lineNumbers", java.util.stream.LongStream.rangeClosed(1, lines).boxed().toList());
		}
		if (!masked) {
			List<Fix> offered = fixes.of(reject);
			Map<Integer, Fix> fixFor = new HashMap<>();
			offered.forEach(fix -> fix.violations().forEach(number -> fixFor.putIfAbsent(number, fix)));
			model.addAttribute("fixFor", fixFor);
		}
		return "ui/reject";
	}

	/**
	 * Replays as stored, or, when the editor's text is sent, with that text as the
	 * corrected payload.
	 */
	@PostMapping("/ui/rejects/{id}/replay")
	String replay(@PathVariable String id, @RequestParam(required = false) String payload, HttpServletRequest request,
			RedirectAttributes flash) {
		String back = back(id);
		if (payload != null && payload.isBlank()) {
			flash.addFlashAttribute("error",
					"The editor is empty. To send the message as it came, use “Replay as is”.");
			return back;
		}
		Reject reject = rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id));
		// an edit that is not readable JSON is refused here, before it is a replay: no
		// audit row, no rework counted.
		// Only where the guard judged the bytes as received; a mapped reject's route
		// reads what its tool sends
		Unreadable unreadable = payload == null || reject.mapped() != null ? null : Unreadable.of(payload);
		if (unreadable != null) {
			flash.addFlashAttribute("unreadable", unreadable);
			flash.addFlashAttribute("attempt", payload);
			flash.addFlashAttribute("error", "Not sent: line " + unreadable.line() + ", column " + unreadable.column()
					+ ": " + unreadable.sentence());
			return back + "#editor-lines";
		}
		Caller caller = UiSession.caller(request);
		Replay.Outcome outcome;
		try {
			outcome = review.replay(id,
					payload == null ? null : Correction.payload(payload.getBytes(StandardCharsets.UTF_8)), caller);
		}
		catch (ConflictException | BadRequest e) {
			flash.addFlashAttribute("error", e.getMessage());
			return back;
		}
		return answered(id, outcome, payload, flash);
	}

	/**
	 * What a replay from this page or a fix's preview says when it comes back: sent on,
	 * or still rejected and why.
	 */
	String answered(String id, Replay.Outcome outcome, String payload, RedirectAttributes flash) {
		String back = back(id);
		if (outcome.accepted()) {
			List<String> generated = new ArrayList<>();
			List<String> filled = outcome.answer().generated();
			(filled == null ? List.<String>of() : filled)
				.forEach(pointer -> generated.add(UiModel.FORMAT.field(pointer)));
			flash.addFlashAttribute("notice",
					"Sent on: it passed every check and is on its way to the next tool. This reject is now replayed."
							+ (generated.isEmpty() ? "" : " Handoff filled in " + String.join(", ", generated) + "."));
			return back;
		}
		flash.addFlashAttribute("stillWrong", Explained.of(outcome.answer().violations()));
		if (payload != null) {
			// the person's edits are kept in the editor, so a second try starts where the
			// first one ended
			flash.addFlashAttribute("attempt", payload);
		}
		return back;
	}

	@PostMapping("/ui/rejects/{id}/discard")
	String discard(@PathVariable String id, @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
			RedirectAttributes flash) {
		try {
			review.discard(id, reason.isBlank() ? null : reason, UiSession.caller(request));
			flash.addFlashAttribute("notice", "Discarded: it stays here for the record but will not be sent.");
		}
		catch (ConflictException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		catch (BadRequest e) {
			flash.addFlashAttribute("error",
					reason.isBlank() ? "Say why it is discarded: the reason is kept in its history." : e.getMessage());
		}
		return back(id);
	}

	static String back(String id) {
		return "redirect:"
				+ UriComponentsBuilder.fromPath("/ui/rejects/{id}").buildAndExpand(id).encode().toUriString();
	}

}
