package dev.handoff.bench.load;

import java.io.IOException;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service's JDBC counts as the bench plugin's {@code GET /bench/counters} gives them (see
 * bench/app/CountingDataSource): commits are Connection.commit() calls plus statements run in auto-commit mode (the
 * executeQuery calls among those counted again in autoCommitQueries);
 * statements are execute* calls, a batch counted once and its commands in batchRows.
 */
record JdbcCount(long commits, long explicitCommits, long autoCommits, long autoCommitQueries, long rollbacks, long statements, long batches, long batchRows,
		long connections) {

	private static final ObjectMapper JSON = new ObjectMapper();

	static final JdbcCount UNKNOWN = new JdbcCount(-1, -1, -1, -1, -1, -1, -1, -1, -1);

	/** The counts now; {@link #UNKNOWN} when the service has no such path (a plugin jar from before the counters). */
	static JdbcCount read(Service service) {
		try {
			HttpResponse<String> answer = service.get("/bench/counters");
			if (answer.statusCode() != 200) {
				return UNKNOWN;
			}
			JsonNode n = JSON.readTree(answer.body());
			return new JdbcCount(n.path("commits").asLong(), n.path("explicitCommits").asLong(), n.path("autoCommits").asLong(),
					n.path("autoCommitQueries").asLong(), n.path("rollbacks").asLong(), n.path("statements").asLong(), n.path("batches").asLong(), n.path("batchRows").asLong(),
					n.path("connections").asLong());
		}
		catch (IOException e) {
			return UNKNOWN;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return UNKNOWN;
		}
	}

	boolean known() {
		return commits >= 0;
	}

	/** Two instances' counts together; unknown if either is. */
	JdbcCount plus(JdbcCount other) {
		if (!known() || !other.known()) {
			return UNKNOWN;
		}
		return new JdbcCount(commits + other.commits, explicitCommits + other.explicitCommits, autoCommits + other.autoCommits,
				autoCommitQueries + other.autoCommitQueries, rollbacks + other.rollbacks, statements + other.statements, batches + other.batches,
				batchRows + other.batchRows, connections + other.connections);
	}

	JdbcCount minus(JdbcCount before) {
		if (!known() || !before.known()) {
			return UNKNOWN;
		}
		return new JdbcCount(commits - before.commits, explicitCommits - before.explicitCommits, autoCommits - before.autoCommits,
				autoCommitQueries - before.autoCommitQueries, rollbacks - before.rollbacks, statements - before.statements, batches - before.batches, batchRows - before.batchRows,
				connections - before.connections);
	}
}
