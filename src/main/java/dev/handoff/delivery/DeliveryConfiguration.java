package dev.handoff.delivery;

import java.time.Duration;

import dev.handoff.contract.Poller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	/**
	 * Deletes delivered messages past {@code keep-delivered} every minute: a steady
	 * trickle of small deletes rather than a burst against live traffic.
	 */
	@Bean
	Poller deliveredRetentionPoller(DeliveredRetention retention) {
		return new Poller("handoff-delivered-retention", retention.enabled() ? Duration.ofMinutes(1) : Duration.ZERO,
				retention::sweep);
	}

}
