package dev.handoff.edge;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.Poller;
import dev.handoff.guard.GuardProperties;
import dev.handoff.reject.RejectStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the entry filter in front of the edges only, and keeps the idempotency keys within their window. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	FilterRegistrationBean<EdgeEntryFilter> edgeEntryFilter(EdgeRegistry edges, ContractRegistry contracts, RejectStore rejects,
			GuardProperties limits, InboundKeys keys, EdgeProperties properties, MeterRegistry meters, ObjectMapper mapper) {
		FilterRegistrationBean<EdgeEntryFilter> registration = new FilterRegistrationBean<>(
				new EdgeEntryFilter(edges, contracts, rejects, limits, keys, properties, meters, mapper));
		registration.addUrlPatterns("/edges/*");
		return registration;
	}

	/** Forgets idempotency keys older than the window, every ten minutes. */
	@Bean
	SmartLifecycle inboundKeyExpiry(InboundKeys keys) {
		Poller poller = new Poller("handoff-key-expiry", Duration.ofMinutes(10), keys::forgetExpired);
		return new SmartLifecycle() {
			@Override
			public void start() {
				poller.start();
			}

			@Override
			public void stop() {
				poller.stop();
			}

			@Override
			public boolean isRunning() {
				return poller.isRunning();
			}
		};
	}
}
