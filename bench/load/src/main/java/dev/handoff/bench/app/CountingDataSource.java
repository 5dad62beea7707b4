package dev.handoff.bench.app;

import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Bench-only: wraps the service's {@link DataSource} bean in a counting proxy, after it was initialised and after
 * every other post-processor (lowest precedence), so the pool is built as usual and everything that takes the bean
 * (the transaction manager, JdbcTemplate/JdbcClient, Flyway) gets the same proxy: Spring binds transactions to the
 * DataSource instance, so the transaction manager and the templates still meet. {@code unwrap} and
 * {@code isWrapperFor} go to the pool, so Spring Boot still finds Hikari behind it for its metrics; {@code close} is
 * passed on so the pool still closes when the service stops.
 */
@Component
class CountingDataSource implements BeanPostProcessor, Ordered {

	/** Looked up when the DataSource is wrapped, not when this post-processor is made: so it is an ordinary bean. */
	private final ObjectProvider<JdbcCounters> counters;

	CountingDataSource(ObjectProvider<JdbcCounters> counters) {
		this.counters = counters;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof DataSource dataSource) || Proxy.isProxyClass(bean.getClass())) {
			return bean;
		}
		Class<?>[] types = bean instanceof Closeable ? new Class<?>[] { DataSource.class, Closeable.class }
				: new Class<?>[] { DataSource.class };
		return Proxy.newProxyInstance(getClass().getClassLoader(), types, new Handler(dataSource, counters.getObject()));
	}

	/** The DataSource: counts connections handed out and wraps each in a {@link CountingConnection}. */
	private record Handler(DataSource target, JdbcCounters counters) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			switch (method.getName()) {
				case "getConnection" -> {
					Connection connection = (Connection) call(target, method, args);
					counters.connections.increment();
					return CountingConnection.wrap(connection, counters);
				}
				case "unwrap" -> {
					// unwrap(DataSource.class) keeps the counting; anything else (Hikari's own types) is the pool's
					return ((Class<?>) args[0]).isInstance(proxy) && args[0] != Object.class ? proxy : call(target, method, args);
				}
				case "isWrapperFor" -> {
					return ((Class<?>) args[0]).isInstance(proxy) || (Boolean) call(target, method, args);
				}
				case "equals" -> {
					return proxy == args[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				case "toString" -> {
					return "counting " + target;
				}
				default -> {
					return call(target, method, args);
				}
			}
		}

	}

	/** Calls through to the real object, giving back its own exception rather than a reflective wrapper. */
	static Object call(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

}
