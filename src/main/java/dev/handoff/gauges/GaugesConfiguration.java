package dev.handoff.gauges;

import dev.handoff.contract.Poller;
import dev.handoff.metrics.MetricsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the database-backed gauges again every {@code handoff.metrics.refresh}, on a
 * thread that is never interrupted.
 */
@Configuration(proxyBeanMethods = false)
class GaugesConfiguration {

	@Bean
	Poller storeGaugesRefresh(StoreGauges gauges, MetricsProperties properties) {
		return new Poller("handoff-metrics-refresh", properties.refresh(), gauges::refresh);
	}

}
