package dev.handoff.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Times each delivery attempt by what came of it: {@code handoff.delivery} with
 * {@code delivered}, {@code retry} or {@code failed}; and counts where the dispatcher
 * took the rows it sent from ({@code handoff.delivery.taken}).
 */
@Component
public class DeliveryMetrics {

	public static final String DELIVERED = "delivered";

	public static final String RETRY = "retry";

	public static final String FAILED = "failed";

	/**
	 * Where the dispatcher took a row from: handed over in memory by the transaction that
	 * stored it on this instance, or claimed from the database (a retry come due, a row
	 * stored while the hand-over was full, one another instance left).
	 */
	public enum Source {

		MEMORY, DATABASE;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** A value with the time it took to get. */
	public record Timed<T>(T value, Duration took) {
	}

	private final MeterRegistry meters;

	DeliveryMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Times a send where it runs; the outcome is only known once the dispatcher has
	 * weighed the answer against the retry policy, so the time is recorded then, by
	 * {@link #attempted}.
	 */
	public static <T> Timed<T> time(Supplier<T> send) {
		long start = System.nanoTime();
		T value = send.get();
		return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * One attempt on an edge: {@code delivered}, {@code retry} (another attempt is due)
	 * or {@code failed} (it became a reject).
	 */
	public void attempted(String edge, String outcome, Duration took) {
		Timer.builder("handoff.delivery")
			.description("Delivery attempts to the next tool, by what came of them")
			.tag("edge", edge)
			.tag("outcome", outcome)
			.register(meters)
			.record(took);
	}

	/** Rows the dispatcher took from one source in one pass. */
	public void taken(Source from, int rows) {
		if (rows > 0) {
			Counter.builder("handoff.delivery.taken")
				.description("Outbox rows the dispatcher took to send, by where it took them from")
				.tag("from", from.tag())
				.register(meters)
				.increment(rows);
		}
	}

}
