package dev.handoff.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where rows stored by this instance, already leased to it, wait in memory for the
 * dispatcher once their transaction has committed: a message accepted here is sent from
 * here without being read back from the database. Only as many as the dispatcher takes in
 * one pass wait so ({@code capacity}); a row stored when they are all taken is stored
 * unleased and claimed by a poll, here or on another instance. Also carries the
 * dispatcher's wake-up: a row waiting here, or a nudge that the database holds something
 * new.
 */
final class Handover {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = lock.newCondition();

	private final ArrayDeque<OutboxEntry> ready = new ArrayDeque<>();

	private final int capacity;

	/** Places taken by transactions that have not ended yet. */
	private int reserved;

	/** Something new is in the database (stored unleased, or put back in line). */
	private boolean nudged;

	Handover(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Takes a place for a row about to be stored leased to this instance; false when
	 * every place is taken. Each place taken is given back by {@link #put} or
	 * {@link #cancel}.
	 */
	boolean reserve() {
		lock.lock();
		try {
			if (ready.size() + reserved >= capacity) {
				return false;
			}
			reserved++;
			return true;
		}
		finally {
			lock.unlock();
		}
	}

	/** The row of a reserved place was committed: it is the dispatcher's now. */
	void put(OutboxEntry entry) {
		lock.lock();
		try {
			reserved--;
			ready.add(entry);
			work.signal();
		}
		finally {
			lock.unlock();
		}
	}

	/** The transaction of a reserved place rolled back: nothing was stored. */
	void cancel() {
		lock.lock();
		try {
			reserved--;
		}
		finally {
			lock.unlock();
		}
	}

	/** Tells the dispatcher to look at the database before its next poll is due. */
	void nudge() {
		lock.lock();
		try {
			nudged = true;
			work.signal();
		}
		finally {
			lock.unlock();
		}
	}

	/** Takes up to {@code max} waiting rows, oldest first. */
	List<OutboxEntry> take(int max) {
		lock.lock();
		try {
			List<OutboxEntry> taken = new ArrayList<>(Math.min(max, ready.size()));
			while (taken.size() < max && !ready.isEmpty()) {
				taken.add(ready.poll());
			}
			return taken;
		}
		finally {
			lock.unlock();
		}
	}

	/** The ids of the rows waiting here, whose leases must be kept while they wait. */
	List<String> waiting() {
		lock.lock();
		try {
			return ready.stream().map(OutboxEntry::id).toList();
		}
		finally {
			lock.unlock();
		}
	}

	/** Whether a nudge came since the last call; clears it. */
	boolean nudged() {
		lock.lock();
		try {
			boolean was = nudged;
			nudged = false;
			return was;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Waits until a row waits here, a nudge came or {@link #wake} was called, for at most
	 * {@code atMost}.
	 */
	void await(Duration atMost) {
		lock.lock();
		try {
			if (ready.isEmpty() && !nudged && atMost.toNanos() > 0) {
				work.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		finally {
			lock.unlock();
		}
	}

	/** Ends a wait at once (the service is stopping). */
	void wake() {
		lock.lock();
		try {
			work.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

}
