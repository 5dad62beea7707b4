package dev.handoff.bench.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One connection as handed out by the pool, counted: commits and rollbacks that returned, and the statements made
 * on it (each wrapped so its executions count). It knows whether it is in auto-commit mode without asking the
 * driver at every statement: it reads the mode once, when the first statement runs, and then follows setAutoCommit.
 * A statement run in auto-commit mode is a commit of its own (one per execute call, a batch included).
 */
final class CountingConnection implements InvocationHandler {

	private final Connection target;

	private final JdbcCounters counters;

	private Connection proxy;

	/** null until known; a connection is used by one thread at a time, so a plain field does. */
	private Boolean autoCommit;

	private CountingConnection(Connection target, JdbcCounters counters) {
		this.target = target;
		this.counters = counters;
	}

	static Connection wrap(Connection target, JdbcCounters counters) {
		CountingConnection handler = new CountingConnection(target, counters);
		handler.proxy = (Connection) Proxy.newProxyInstance(CountingConnection.class.getClassLoader(), new Class<?>[] { Connection.class },
				handler);
		return handler.proxy;
	}

	@Override
	public Object invoke(Object self, Method method, Object[] args) throws Throwable {
		String name = method.getName();
		switch (name) {
			case "createStatement", "prepareStatement", "prepareCall" -> {
				Statement statement = (Statement) CountingDataSource.call(target, method, args);
				return CountingStatement.wrap(statement, method.getReturnType(), this);
			}
			case "commit" -> {
				CountingDataSource.call(target, method, args);
				counters.explicitCommits.increment();
				return null;
			}
			case "rollback" -> {
				Object result = CountingDataSource.call(target, method, args);
				counters.rollbacks.increment();
				return result;
			}
			case "setAutoCommit" -> {
				CountingDataSource.call(target, method, args);
				autoCommit = (Boolean) args[0];
				return null;
			}
			case "unwrap" -> {
				return ((Class<?>) args[0]) == Connection.class ? self : CountingDataSource.call(target, method, args);
			}
			case "equals" -> {
				return self == args[0];
			}
			case "hashCode" -> {
				return System.identityHashCode(self);
			}
			default -> {
				return CountingDataSource.call(target, method, args);
			}
		}
	}

	Connection proxy() {
		return proxy;
	}

	/**
	 * Called by a statement of this connection after each execution, with the commands a batch carried (else -1) and
	 * whether it was an executeQuery.
	 */
	void executed(int batchRows, boolean query) {
		counters.statements.increment();
		if (batchRows >= 0) {
			counters.batches.increment();
			counters.batchRows.add(batchRows);
		}
		if (autoCommit == null) {
			try {
				autoCommit = target.getAutoCommit();
			}
			catch (SQLException e) {
				// a closed or broken connection: its statement failed anyway, and no commit is counted for it
				return;
			}
		}
		if (autoCommit) {
			counters.autoCommits.increment();
			if (query) {
				counters.autoCommitQueries.increment();
			}
		}
	}

}
