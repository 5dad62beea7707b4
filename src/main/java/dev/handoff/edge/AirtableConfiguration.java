package dev.handoff.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.delivery.TargetCredentials;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps routes/brief-airtable.yaml names with {@code process: {ref: ...}}: Camel
 * finds them among Spring's beans by these names. Off or on, they are there, so the route
 * file loads either way.
 */
@Configuration(proxyBeanMethods = false)
class AirtableConfiguration {

	@Bean
	AirtablePoll airtablePoll(AirtableProperties settings, PollStore store, TargetCredentials credentials,
			ObjectMapper mapper) {
		return new AirtablePoll(settings, store, credentials, mapper);
	}

	@Bean
	Processor airtableBegin(AirtablePoll poll) {
		return poll::begin;
	}

	@Bean
	Processor airtablePage(AirtablePoll poll) {
		return poll::page;
	}

	@Bean
	Processor airtableRecord(AirtablePoll poll) {
		return poll::record;
	}

	@Bean
	Processor airtableEnd(AirtablePoll poll) {
		return poll::end;
	}

	@Bean
	Processor airtablePing(AirtableProperties settings) {
		return new AirtablePing(settings);
	}

}
