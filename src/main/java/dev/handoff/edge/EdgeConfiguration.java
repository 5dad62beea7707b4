package dev.handoff.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.guard.GuardProperties;
import dev.handoff.reject.RejectStore;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the entry filter in front of the edges only. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	FilterRegistrationBean<EdgeEntryFilter> edgeEntryFilter(EdgeRegistry edges, ContractRegistry contracts, RejectStore rejects,
			GuardProperties limits, ObjectMapper mapper) {
		FilterRegistrationBean<EdgeEntryFilter> registration = new FilterRegistrationBean<>(
				new EdgeEntryFilter(edges, contracts, rejects, limits, mapper));
		registration.addUrlPatterns("/edges/*");
		return registration;
	}
}
