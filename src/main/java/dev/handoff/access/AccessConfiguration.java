package dev.handoff.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the bearer-token check in front of the review API. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

	@Bean
	FilterRegistrationBean<ApiAccessFilter> apiAccessFilter(Tokens tokens, ObjectMapper mapper) {
		if (tokens.none()) {
			LoggerFactory.getLogger(AccessConfiguration.class)
				.warn("No review tokens configured (handoff.access.tokens): every /api call will be refused with 401");
		}
		FilterRegistrationBean<ApiAccessFilter> registration = new FilterRegistrationBean<>(
				new ApiAccessFilter(tokens, mapper));
		registration.addUrlPatterns("/api/*");
		return registration;
	}

}
