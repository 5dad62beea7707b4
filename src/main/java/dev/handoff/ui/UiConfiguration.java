package dev.handoff.ui;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the review UI's door in front of every {@code /ui} page. */
@Configuration(proxyBeanMethods = false)
class UiConfiguration {

	@Bean
	FilterRegistrationBean<UiFilter> uiFilter() {
		// the default order runs it after Spring's character-encoding filter, so form
		// fields it reads are decoded as UTF-8
		FilterRegistrationBean<UiFilter> registration = new FilterRegistrationBean<>(new UiFilter());
		registration.addUrlPatterns("/ui", "/ui/*");
		return registration;
	}

}
