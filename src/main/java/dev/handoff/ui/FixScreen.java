package dev.handoff.ui;

import java.util.List;

import dev.handoff.api.ConflictException;
import dev.handoff.api.NotFoundException;
import dev.handoff.edge.Replay;
import dev.handoff.guard.Verdict;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import dev.handoff.review.Correction;
import dev.handoff.review.Fix;
import dev.handoff.review.Fixes;
import dev.handoff.review.Review;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One fix of a reject before it is sent: the message as it would go, the changed line
 * marked, and whether it would pass, judged dry as the bulk preview judges; then "Send it
 * on" replays it with the fix's patch. The patch is made again from the stored reject on
 * each request, so the form carries only the fix's number, never a patch to trust.
 */
@Controller
class FixScreen {

	private final RejectStore rejects;

	private final Fixes fixes;

	private final Replay replay;

	private final Review review;

	private final PayloadLayout layout;

	private final RejectScreen screen;

	FixScreen(RejectStore rejects, Fixes fixes, Replay replay, Review review, PayloadLayout layout,
			RejectScreen screen) {
		this.rejects = rejects;
		this.fixes = fixes;
		this.replay = replay;
		this.review = review;
		this.layout = layout;
		this.screen = screen;
	}

	@GetMapping("/ui/rejects/{id}/fix")
	String preview(@PathVariable String id, @RequestParam int n, Model model, RedirectAttributes flash) {
		Reject reject = rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id));
		Fix fix = offered(reject, n, flash);
		if (fix == null) {
			return RejectScreen.back(id);
		}
		byte[] patched = fixes.apply(reject, fix);
		Verdict verdict = replay.judge(reject, patched);
		model.addAttribute("screen", "queue");
		model.addAttribute("reject", reject);
		model.addAttribute("fix", fix);
		model.addAttribute("payload", layout.marked(patched, List.of(fix.pointer()), false));
		model.addAttribute("passes", verdict != null && (verdict.accepted() || verdict.held()));
		model.addAttribute("held", verdict != null && verdict.held());
		model.addAttribute("stillWrong", verdict == null ? List.of() : Explained.of(verdict.violations()));
		return "ui/fix";
	}

	@PostMapping("/ui/rejects/{id}/fix")
	String send(@PathVariable String id, @RequestParam int n, HttpServletRequest request, RedirectAttributes flash) {
		Reject reject = rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id));
		Fix fix = offered(reject, n, flash);
		if (fix == null) {
			return RejectScreen.back(id);
		}
		Replay.Outcome outcome;
		try {
			outcome = review.replay(id, Correction.jsonPatch(fixes.bytes(fix.patch())), UiSession.caller(request));
		}
		catch (ConflictException | BadRequest e) {
			flash.addFlashAttribute("error", e.getMessage());
			return RejectScreen.back(id);
		}
		return screen.answered(id, outcome, null, flash);
	}

	/**
	 * Fix number {@code n} as the reject offers it now; null, said in the flash, when it
	 * is offered no more.
	 */
	private Fix offered(Reject reject, int n, RedirectAttributes flash) {
		Fix fix = fixes.of(reject).stream().filter(f -> f.number() == n).findFirst().orElse(null);
		if (fix == null) {
			flash.addFlashAttribute("error",
					"That fix is no longer offered: the reject was replayed, discarded or changed.");
		}
		return fix;
	}

}
