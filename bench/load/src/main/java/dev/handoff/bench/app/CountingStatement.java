package dev.handoff.bench.app;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Statement;

/**
 * A Statement, PreparedStatement or CallableStatement (the proxy has the type the connection method returned),
 * counting every execute* call that returned or threw: the database was asked either way. executeBatch and
 * executeLargeBatch count as one statement, and the commands they carried are counted apart.
 */
final class CountingStatement implements InvocationHandler {

	private final Statement target;

	private final CountingConnection connection;

	private CountingStatement(Statement target, CountingConnection connection) {
		this.target = target;
		this.connection = connection;
	}

	static Statement wrap(Statement target, Class<?> type, CountingConnection connection) {
		return (Statement) Proxy.newProxyInstance(CountingStatement.class.getClassLoader(), new Class<?>[] { type },
				new CountingStatement(target, connection));
	}

	@Override
	public Object invoke(Object self, Method method, Object[] args) throws Throwable {
		String name = method.getName();
		if (name.startsWith("execute")) {
			boolean batch = name.equals("executeBatch") || name.equals("executeLargeBatch");
			Object result = null;
			try {
				result = CountingDataSource.call(target, method, args);
				return result;
			}
			finally {
				int rows = !batch ? -1 : result instanceof int[] counts ? counts.length : result instanceof long[] large ? large.length : 0;
				connection.executed(rows, name.equals("executeQuery"));
			}
		}
		switch (name) {
			case "getConnection" -> {
				// statements made from statement.getConnection() are counted too
				return connection.proxy();
			}
			case "unwrap" -> {
				return ((Class<?>) args[0]).isInstance(self) && ((Class<?>) args[0]).getName().startsWith("java.sql.") ? self
						: CountingDataSource.call(target, method, args);
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

}
