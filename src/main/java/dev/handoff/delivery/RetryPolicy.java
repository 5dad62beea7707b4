package dev.handoff.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again: the waits after each failed attempt, in order,
 * each spread by ±20 % so that many messages failing together do not come back together.
 * A {@code Retry-After} from the tool asks for at least that long (capped at a day). No
 * wait left means no attempt left.
 */
record RetryPolicy(List<Duration> waits) {

	static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

	int attempts() {
		return waits.size() + 1;
	}

	/**
	 * The wait before the next attempt after {@code attempts} failed ones, or empty when
	 * that was the last.
	 */
	Optional<Duration> after(int attempts, Duration retryAfter) {
		if (attempts > waits.size()) {
			return Optional.empty();
		}
		long planned = waits.get(attempts - 1).toMillis();
		long spread = planned / 5;
		Duration wait = Duration.ofMillis(planned - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1));
		if (retryAfter != null) {
			Duration asked = retryAfter.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : retryAfter;
			return Optional.of(asked.compareTo(wait) > 0 ? asked : wait);
		}
		return Optional.of(wait);
	}
}
