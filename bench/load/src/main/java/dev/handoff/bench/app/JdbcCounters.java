package dev.handoff.bench.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * What the service asked of its database since it started, as {@link CountingDataSource} sees it: the load benchmark
 * reads these at the start and end of a window and divides the difference by the messages delivered in it. LongAdder,
 * not AtomicLong: every request thread and the dispatcher add to them, and the counting should not become a point
 * of contention of its own.
 */
@Component
class JdbcCounters {

	/** Connections handed out by the pool (getConnection calls). */
	final LongAdder connections = new LongAdder();

	/** Connection.commit() calls that returned. */
	final LongAdder explicitCommits = new LongAdder();

	/** Statements executed while the connection was in auto-commit mode: each is a commit of its own. */
	final LongAdder autoCommits = new LongAdder();

	/**
	 * The auto-commit statements that were executeQuery calls: reads, whose "commit" writes nothing; kept apart so a
	 * reader can tell them from the commits that reach the disk.
	 */
	final LongAdder autoCommitQueries = new LongAdder();

	/** Connection.rollback() calls that returned. */
	final LongAdder rollbacks = new LongAdder();

	/** Every execute* call on a Statement, PreparedStatement or CallableStatement; executeBatch counts once. */
	final LongAdder statements = new LongAdder();

	/** The executeBatch / executeLargeBatch calls among the statements. */
	final LongAdder batches = new LongAdder();

	/** The commands those batches carried (the length of the array executeBatch returned). */
	final LongAdder batchRows = new LongAdder();

	Map<String, Long> snapshot() {
		Map<String, Long> values = new LinkedHashMap<>();
		long explicit = explicitCommits.sum();
		long auto = autoCommits.sum();
		values.put("commits", explicit + auto);
		values.put("explicitCommits", explicit);
		values.put("autoCommits", auto);
		values.put("autoCommitQueries", autoCommitQueries.sum());
		values.put("rollbacks", rollbacks.sum());
		values.put("statements", statements.sum());
		values.put("batches", batches.sum());
		values.put("batchRows", batchRows.sum());
		values.put("connections", connections.sum());
		return values;
	}

}
