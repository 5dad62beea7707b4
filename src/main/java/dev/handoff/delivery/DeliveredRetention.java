package dev.handoff.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes delivered messages once they are older than
 * {@code handoff.delivery.keep-delivered}, with their attempts' history. An outbox that
 * keeps every message grows without end, and nothing needs them by then: drift reads
 * {@code delivered_version}, what a tool made lives in {@code artifact}, and the report
 * does not reach further back. A message a reject names (a delivery failure that was
 * replayed) stays with its reject; one not delivered stays until it is.
 */
@Component
public class DeliveredRetention {

	private static final Logger log = LoggerFactory.getLogger(DeliveredRetention.class);

	/**
	 * Rows read, and deleted in one transaction, at a time: short against live traffic.
	 */
	static final int PAGE = 500;

	private final OutboxStore outbox;

	private final TransactionTemplate transactions;

	private final Duration keep;

	private final Clock clock;

	/**
	 * {@code clock}: a Clock bean when there is one (a test fixes "now", as the report
	 * does), else the system's.
	 */
	@Autowired
	DeliveredRetention(OutboxStore outbox, TransactionTemplate transactions, DeliveryProperties properties,
			ObjectProvider<Clock> clock) {
		this(outbox, transactions, properties.keepDelivered(), clock.getIfAvailable(Clock::systemUTC));
	}

	DeliveredRetention(OutboxStore outbox, TransactionTemplate transactions, Duration keep, Clock clock) {
		this.outbox = outbox;
		this.transactions = transactions;
		this.keep = keep;
		this.clock = clock;
	}

	/** How long a delivered message is kept; zero when all are. */
	public Duration keep() {
		return keep;
	}

	/** Whether anything is ever deleted: a zero {@code keep-delivered} keeps all. */
	public boolean enabled() {
		return !keep.isZero();
	}

	/**
	 * The oldest instant whose delivered messages are still kept at {@code now}, or null
	 * when all are.
	 */
	public Instant keptSince(Instant now) {
		return enabled() ? now.minus(keep) : null;
	}

	/**
	 * Deletes what is due, oldest first, a page per transaction. Rows are read in the
	 * order they were stored and the sweep ends at the first one stored after the
	 * cut-off, so it reads only what is old (a row stored a moment out of order waits for
	 * the next sweep).
	 * @return how many messages it deleted
	 */
	public int sweep() {
		Instant cutoff = keptSince(clock.instant());
		if (cutoff == null) {
			return 0;
		}
		int deleted = 0;
		long after = 0;
		boolean old = true;
		while (old) {
			List<OutboxStore.Aged> page = outbox.after(after, PAGE);
			List<String> due = new ArrayList<>();
			for (OutboxStore.Aged row : page) {
				if (!row.createdAt().isBefore(cutoff)) {
					old = false;
					break;
				}
				after = row.seq();
				if (OutboxEntry.DELIVERED.equals(row.status()) && row.deliveredAt() != null
						&& row.deliveredAt().isBefore(cutoff)) {
					due.add(row.id());
				}
			}
			Set<String> named = outbox.namedByRejects(due);
			due.removeAll(named);
			if (!due.isEmpty()) {
				transactions.executeWithoutResult(tx -> outbox.delete(due));
				deleted += due.size();
			}
			old = old && page.size() == PAGE;
		}
		if (deleted > 0) {
			log.info("deleted {} delivered messages older than {} (handoff.delivery.keep-delivered)", deleted, keep);
		}
		return deleted;
	}

}
