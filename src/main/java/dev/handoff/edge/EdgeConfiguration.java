package dev.handoff.edge;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.Poller;
import dev.handoff.guard.GuardProperties;
import dev.handoff.metrics.EdgeMetrics;
import dev.handoff.reject.RejectStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the entry filter in front of the edges only, and keeps the idempotency keys within their window. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	FilterRegistrationBean<EdgeEntryFilter> edgeEntryFilter(EdgeRegistry edges, ContractRegistry contracts, RejectStore rejects,
			GuardProperties limits, InboundKeys keys, EdgeProperties properties, EdgeMetrics metrics, ObjectMapper mapper) {
		FilterRegistrationBean<EdgeEntryFilter> registration = new FilterRegistrationBean<>(
				new EdgeEntryFilter(edges, contracts, rejects, limits, keys, properties, metrics, mapper));
		registration.addUrlPatterns("/edges/*");
		return registration;
	}

	/** Forgets idempotency keys older than the window, every ten minutes. */
	@Bean
	Poller inboundKeyExpiry(InboundKeys keys) {
		return new Poller("handoff-key-expiry", Duration.ofMinutes(10), keys::forgetExpired);
	}

	@Bean
	Poller routeWatching(RouteWatcher routes) {
		return routes.poller();
	}
}
