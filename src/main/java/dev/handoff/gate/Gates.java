package dev.handoff.gate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.handoff.api.NotFoundException;
import dev.handoff.audit.AuditLog;
import dev.handoff.delivery.Dispatcher;
import dev.handoff.delivery.OutboxEntry;
import dev.handoff.guard.Violations;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The human gates: what waits for approval, and the decisions. Each decision is one
 * transaction that marks the message decided (only if it is still held), does what the
 * decision means and writes the audit row, so two approvers at once deliver a message
 * once and no decision goes unrecorded.
 */
@Component
public class Gates {

	private static final int MAX_LIST = 500;

	private final HeldStore held;

	private final TruthStore truth;

	private final RejectStore rejects;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Dispatcher dispatcher;

	Gates(HeldStore held, TruthStore truth, RejectStore rejects, AuditLog audit, TransactionTemplate transactions,
			Dispatcher dispatcher) {
		this.held = held;
		this.truth = truth;
		this.rejects = rejects;
		this.audit = audit;
		this.transactions = transactions;
		this.dispatcher = dispatcher;
	}

	/**
	 * The newest messages in a status ({@code held}, {@code approved}, {@code declined};
	 * null: any), at most 500.
	 */
	public List<Held> list(String status) {
		return held.list(status, null, null, 0, MAX_LIST).items();
	}

	public Optional<Held> find(String id) {
		return held.find(id);
	}

	/**
	 * Lets a held message go on, judged against today's truth: a message to a tool is
	 * queued exactly like an accepted one of its edge; a brief becomes the truth. If the
	 * truth moved on meanwhile it would go on stale, so it stays held and the answer is
	 * {@code stale}.
	 */
	public Decision approve(String id, String actor, String comment) {
		Decision decision;
		try {
			decision = transactions.execute(tx -> {
				Held h = decidable(id);
				String stale = h == null ? null : staleness(h);
				Decision refused = h == null ? notHeld(id)
						: stale != null ? Decision.refused(id, Decision.STALE, stale) : null;
				if (refused != null) {
					return refused;
				}
				if (!held.decide(id, Held.APPROVED, actor, comment)) {
					return notHeld(id);
				}
				Decision done;
				if (h.newTruth() != null) {
					truth.record(new Truth(h.campaign(), h.version(), h.newTruth(), h.id(), Instant.now()));
					done = new Decision(id, Held.APPROVED, null, null, h.version(), null);
				}
				else if (h.target() != null) {
					// under the held id, so the tool's Idempotency-Key names the message
					// the approver saw; forwarded is what
					// the route made of it when it was held, and a delivery reject keeps
					// the message as received to replay
					dispatcher.store(OutboxEntry.pending(h.id(), h.edge(), h.contract(), h.contractSha256(),
							h.campaign(), h.version(), h.target(), h.forwarded(), h.payload(), h.targetOptions()));
					done = new Decision(id, Held.APPROVED, null, h.id(), null, null);
				}
				else {
					// an edge that sends nothing on (handoff:accept without deliverTo):
					// approval only records the decision
					done = new Decision(id, Held.APPROVED, null, null, null, null);
				}
				audit.record(actor, "approve", id, Held.APPROVED, detail(h, comment, done));
				return done;
			});
		}
		catch (DuplicateKeyException e) {
			// another brief recorded this version at the same moment; the transaction
			// rolled back, the message is still held
			return Decision.refused(id, Decision.STALE, "campaign " + held.find(id).map(Held::campaign).orElse("?")
					+ " got this brief version from another message meanwhile; decline this one");
		}
		return decision;
	}

	/**
	 * Turns a held message into a reject with rule {@code declined}, payload as received,
	 * naming the gate and the comment.
	 */
	public Decision decline(String id, String actor, String comment) {
		if (comment == null || comment.isBlank()) {
			throw new BadRequest("declining needs a comment: the sender reads it on the reject");
		}
		return transactions.execute(tx -> {
			Held h = decidable(id);
			if (h == null || !held.decide(id, Held.DECLINED, actor, comment)) {
				return notHeld(id);
			}
			String rejectId = UUID.randomUUID().toString();
			rejects.insert(Reject.declined(rejectId, h.edge(), h.contract(), h.contractSha256(), h.campaign(),
					h.payload(), h.contentType(), Violations.declined(h.reason(), actor, comment), h.heldAt()));
			Decision done = new Decision(id, Held.DECLINED, null, null, null, rejectId);
			audit.record(actor, "decline", id, Held.DECLINED, detail(h, comment, done));
			return done;
		});
	}

	/**
	 * The message if it is still held; null when it was decided already; 404 when there
	 * is none.
	 */
	private Held decidable(String id) {
		Held h = held.find(id).orElseThrow(() -> new NotFoundException("held message", id));
		return Held.HELD.equals(h.status()) ? h : null;
	}

	private Decision notHeld(String id) {
		Held h = held.find(id).orElseThrow(() -> new NotFoundException("held message", id));
		return Decision.refused(id, Decision.NOT_HELD, "held message " + id + " was " + h.status() + " by "
				+ h.decidedBy() + " at " + h.decidedAt() + "; only a message that is still held can be decided");
	}

	/**
	 * Why approving now would let through something the truth has moved past; null when
	 * it would not.
	 */
	private String staleness(Held h) {
		if (h.version() == null) {
			return null;
		}
		Optional<Truth> current = truth.current(h.campaign());
		if (h.newTruth() != null) {
			return current.isPresent() && current.get().version() >= h.version()
					? "campaign " + h.campaign() + " is at brief version " + current.get().version()
							+ " now, so version " + h.version() + " can no longer become the truth; decline it"
					: null;
		}
		return current.isPresent() && current.get().version() != h.version() ? "campaign " + h.campaign()
				+ " is at brief version " + current.get().version() + " now and this message was built on version "
				+ h.version() + "; decline it and have it " + "rebuilt on the current brief" : null;
	}

	private static Map<String, Object> detail(Held h, String comment, Decision done) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("comment", comment == null ? "" : comment);
		detail.put("edge", h.edge());
		detail.put("reason", h.reason());
		detail.put("campaign", h.campaign());
		detail.put("version", h.version());
		detail.put("contractSha256", h.contractSha256());
		if (done.deliveryId() != null) {
			detail.put("deliveryId", done.deliveryId());
		}
		if (done.truthVersion() != null) {
			detail.put("truthVersion", done.truthVersion());
		}
		if (done.rejectId() != null) {
			detail.put("rejectId", done.rejectId());
		}
		return detail;
	}

}
