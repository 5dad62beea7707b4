package dev.handoff.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * With the database unreachable an edge never answers 2xx; it says 503 with Retry-After,
 * and recovers by itself.
 */
class DatabaseDownTest extends EdgeTestSupport {

	static final AtomicBoolean DOWN = new AtomicBoolean();

	@TestConfiguration
	static class UnplugTheDatabase {

		/**
		 * Every new connection fails while DOWN is set, as when the database server is
		 * gone.
		 */
		@Bean
		static BeanPostProcessor unpluggableDataSource() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (!(bean instanceof DataSource real)) {
						return bean;
					}
					return Proxy.newProxyInstance(DataSource.class.getClassLoader(),
							new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
								if (DOWN.get() && method.getName().equals("getConnection")) {
									throw new SQLTransientConnectionException("database unreachable (test)");
								}
								return method.invoke(real, args);
							});
				}
			};
		}

	}

	@AfterEach
	void plugBackIn() {
		DOWN.set(false);
	}

	@Test
	void answers503WithRetryAfterAndRecovers() {
		briefsApproved();
		byte[] good = bytes(example("email-campaign", "01-good-campaign.json"));
		DOWN.set(true);
		HttpResponse<String> refused = send("email-campaign", good);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(json(refused).get("title").asText()).isEqualTo("Storage unavailable");
		HttpResponse<String> readiness = get("/actuator/health/readiness", null);
		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

		DOWN.set(false);
		assertThat(send("email-campaign", good).statusCode()).isEqualTo(202);
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void answers503ForARejectThatCannotBeStoredEither() {
		DOWN.set(true);
		HttpResponse<String> refused = send("email-campaign", bytes("{}"));
		assertThat(refused.statusCode()).isEqualTo(503);
		DOWN.set(false);
		assertThat(send("email-campaign", bytes("{}")).statusCode()).isEqualTo(422);
	}

}
