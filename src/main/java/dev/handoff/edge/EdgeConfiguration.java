package dev.handoff.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.Poller;
import dev.handoff.guard.GuardProperties;
import dev.handoff.inbound.InboundAuth;
import dev.handoff.inbound.InboundSettings;
import dev.handoff.metrics.EdgeMetrics;
import dev.handoff.reject.RejectStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the entry filter in front of the edges only, knows who may send to each, and keeps
 * the idempotency keys within their window.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	FilterRegistrationBean<EdgeEntryFilter> edgeEntryFilter(EdgeRegistry edges, ContractRegistry contracts,
			RejectStore rejects, GuardProperties limits, InboundKeys keys, InboundAuth inbound, EdgeMetrics metrics,
			ObjectMapper mapper, TransactionTemplate transactions) {
		FilterRegistrationBean<EdgeEntryFilter> registration = new FilterRegistrationBean<>(
				new EdgeEntryFilter(edges, contracts, rejects, limits, keys, inbound, metrics, mapper, transactions));
		// every path: an edge may serve a tool's own path (EdgeRegistry); the filter
		// passes on what is no edge's
		registration.addUrlPatterns("/*");
		return registration;
	}

	/**
	 * Who may send to each edge: its settings, and the Standard Webhooks secrets
	 * configured before there were kinds.
	 */
	@Bean
	InboundAuth inboundAuth(EdgeProperties properties) {
		Map<String, InboundSettings> signatures = new HashMap<>();
		properties.signatures()
			.forEach((edge, signature) -> signatures.put(edge,
					InboundSettings.standardWebhooks(signature.secrets(), signature.tolerance())));
		return new InboundAuth(properties.inbound(), signatures, Clock.systemUTC());
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
