package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.handoff.JarProcess;
import dev.handoff.storage.Postgres;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Take-over on PostgreSQL with the delivery settings a user gets: two instances of the
 * packaged jar share one database while senders send to both; one is killed (kill -9)
 * while the survivor goes on taking messages for a moment, and the survivor must send
 * everything the dead one acknowledged: the rows it had not claimed at its next poll, the
 * rows it had claimed once their lease runs out. Three rounds, each killing the other
 * instance (restarted in between). The times from each kill are written to
 * {@code target/postgres-takeover.txt}, reported against the 30 s, not asserted.
 */
class PostgresTakeoverIT {

	private static final int ROUNDS = 3;

	/** Senders per instance, each waiting for its answer before the next message. */
	private static final int SENDERS = 4;

	/** The default handoff.delivery.lease, which this test does not set. */
	private static final Duration LEASE = Duration.ofSeconds(10);

	private final WireMockServer tool = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	private final Random random = new Random(16);

	private final JarProcess[] instances = new JarProcess[2];

	/**
	 * One kill: when, whose messages, and the nanoseconds until they and then all
	 * messages were at the tool (-1: never).
	 */
	private record Round(int number, int victim, String mark, Instant killedAt, long acknowledged, long ownAtTool,
			long allAtTool) {
	}

	@AfterEach
	void stop() throws InterruptedException {
		for (JarProcess instance : instances) {
			if (instance != null) {
				instance.kill();
			}
		}
		tool.stop();
	}

	@Test
	void theSurvivorDeliversEverythingTheKilledInstanceAcknowledged() throws Exception {
		tool.start();
		// a tool that takes its time, as real ones do: an instance then has sends in
		// flight when it dies, which the tool
		// has but whose outcome nobody wrote, so they are sent again once their lease
		// runs out
		tool.stubFor(
				post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200).withFixedDelay(100)));
		List<String> arguments = arguments(Postgres.database());
		instances[0] = JarProcess.start("takeover-a-0", arguments);
		instances[1] = JarProcess.start("takeover-b-0", arguments);
		instances[0].awaitReady();
		instances[1].awaitReady();
		assertThat(instances[0].post("brief-approved", Files.readAllBytes(Path.of("demo/brief-v1.json"))).statusCode())
			.isEqualTo(202);
		TrackingLoad load = new TrackingLoad();
		List<Round> rounds = new ArrayList<>();

		for (int number = 0; number < ROUNDS; number++) {
			int victim = number % 2;
			String[] marks = { "takeover-" + number + "-a-", "takeover-" + number + "-b-" };
			List<TrackingLoad.Running> senders = List.of(load.start(marks[0], SENDERS, instances[0]),
					load.start(marks[1], SENDERS, instances[1]));
			// the kill comes at a random moment after both have acknowledged something,
			// however slow the machine is
			await("round " + number + ": both instances acknowledge a message").atMost(Duration.ofSeconds(180))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> load.acknowledgedAny(marks[0]) && load.acknowledgedAny(marks[1]));
			Thread.sleep(500 + random.nextInt(1500));
			instances[victim].kill();
			long killed = System.nanoTime();
			Instant killedAt = Instant.now();
			// watched from the kill on, while the survivor still takes messages
			CompletableFuture<Long> own = CompletableFuture
				.supplyAsync(() -> until(() -> load.allDelivered(tool, marks[victim]), killed));
			// the survivor keeps taking messages for a moment; the dead one's senders
			// find nobody listening
			Thread.sleep(2000);
			for (TrackingLoad.Running running : senders) {
				running.stop();
			}
			long all = until(() -> load.allDelivered(tool), killed);
			rounds.add(new Round(number, victim, marks[victim], killedAt, load.acknowledgedCount(marks[victim]),
					own.join(), all));
			if (all < 0) {
				break;
			}
			if (number < ROUNDS - 1) {
				instances[victim] = JarProcess
					.start("takeover-" + (victim == 0 ? "a-" : "b-") + (number + 1), arguments)
					.awaitReady();
			}
		}
		// the last kill's sends in flight go out again only when their lease has run out:
		// waited for, so they are checked too
		Duration sinceLastKill = Duration.between(rounds.get(rounds.size() - 1).killedAt(), Instant.now());
		Thread.sleep(Math.max(0, LEASE.plusSeconds(5).minus(sinceLastKill).toMillis()));

		String report = report(rounds, load);
		System.out.print("postgres take-over:\n" + report);
		Files.writeString(Path.of("target/postgres-takeover.txt"), report);

		load.assertKept(tool);
		assertThat(rounds.stream().filter(r -> r.allAtTool() >= 0).count())
			.as("rounds after whose kill every acknowledged message reached the tool")
			.isEqualTo(ROUNDS);
	}

	/**
	 * Per round: how long after the kill its messages, and all messages, were at the
	 * tool; what was sent again.
	 */
	private String report(List<Round> rounds, TrackingLoad load) {
		StringBuilder report = new StringBuilder();
		List<Instant> repeats = load.repeats(tool);
		report.append(String.format("sent again before the first kill: %d%n",
				repeats.stream().filter(t -> t.isBefore(rounds.get(0).killedAt())).count()));
		for (Round round : rounds) {
			// a message sent again after this kill and before the next was in flight at
			// the killed instance, whichever took it
			Instant next = round.number() + 1 < rounds.size() ? rounds.get(round.number() + 1).killedAt() : Instant.MAX;
			List<Instant> again = repeats.stream()
				.filter(t -> t.isAfter(round.killedAt()) && t.isBefore(next))
				.toList();
			report.append(String.format(
					"round %d: killed %s; the %d messages it acknowledged at the tool %s after the kill (%d of them sent by "
							+ "the survivor); every acknowledged message at the tool %s after; sends in flight at the kill sent again: %d%s%n",
					round.number(), round.victim() == 0 ? "a" : "b", round.acknowledged(), took(round.ownAtTool()),
					load.firstDeliveredAfter(tool, round.mark(), round.killedAt()), took(round.allAtTool()),
					again.size(),
					again.isEmpty() ? ""
							: ", the last " + Duration.between(round.killedAt(), again.get(again.size() - 1)).toMillis()
									+ " ms after"));
		}
		report.append(load.counts(tool))
			.append(" (target: every acknowledged message at the tool within 30 s of the kill)\n");
		return report.toString();
	}

	/**
	 * Nanoseconds from {@code since} until the condition holds, or -1 if it does not
	 * within a generous bound.
	 */
	private static long until(Callable<Boolean> condition, long since) {
		try {
			// generous: a busy machine is slow, and a take-over that never comes fails on
			// the lost count
			await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(condition);
			return System.nanoTime() - since;
		}
		catch (ConditionTimeoutException e) {
			return -1;
		}
	}

	private static String took(long nanos) {
		return nanos < 0 ? "never" : Duration.ofNanos(nanos).toMillis() + " ms";
	}

	/**
	 * The database, the tools' addresses and nothing else: delivery runs with its
	 * defaults (lease, poll interval, ...).
	 */
	private List<String> arguments(Map<String, String> database) {
		List<String> arguments = new ArrayList<>();
		database.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		arguments
			.addAll(List.of("--handoff.tools.cms-url=" + tool.baseUrl(), "--handoff.tools.email-url=" + tool.baseUrl(),
					"--handoff.tools.tracking-url=" + tool.baseUrl() + "/tracking",
					"--handoff.delivery.private-targets=allow"));
		return arguments;
	}

}
