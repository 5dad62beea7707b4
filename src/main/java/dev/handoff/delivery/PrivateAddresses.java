package dev.handoff.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SSRF guard for calls that delivery routes make with Camel's http component
 * ({@code to}/{@code toD} in a {@code direct:} route): every name is resolved through a
 * resolver that refuses loopback, private and link-local addresses unless
 * {@code handoff.delivery.private-targets=allow}, at connect time, so a name that starts
 * resolving elsewhere is caught too. Handoff's own deliveries use the same resolver
 * ({@link ToolClient}).
 */
@Configuration(proxyBeanMethods = false)
class PrivateAddresses {

	/** A connection refused because of where the name points; not retried. */
	static final class Refused extends UnknownHostException {

		Refused(String message) {
			super(message);
		}

	}

	@Bean
	ComponentCustomizer privateAddressesRefusedByCamelHttp(DeliveryProperties properties) {
		return ComponentCustomizer.builder(HttpComponent.class).build(http -> {
			if (!properties.allowsPrivateTargets()) {
				http.setClientConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
					.setDnsResolver(refusing(SystemDefaultDnsResolver.INSTANCE))
					.build());
			}
		});
	}

	/**
	 * Resolves with {@code names} and refuses the whole answer if any address in it is
	 * not public.
	 */
	static DnsResolver refusing(DnsResolver names) {
		return new DnsResolver() {

			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				InetAddress[] addresses = names.resolve(host);
				for (InetAddress address : addresses) {
					if (TargetGuard.isPrivate(address)) {
						throw new Refused(host + " resolves to " + address.getHostAddress()
								+ ", a loopback, private or link-local address; "
								+ "set handoff.delivery.private-targets=allow if this tool really lives there");
					}
				}
				return addresses;
			}

			@Override
			public String resolveCanonicalHostname(String host) throws UnknownHostException {
				return names.resolveCanonicalHostname(host);
			}
		};
	}

}
