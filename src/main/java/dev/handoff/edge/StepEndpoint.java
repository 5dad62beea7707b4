package dev.handoff.edge;

import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * A {@code handoff:} endpoint: a step a route sends messages to; it cannot be consumed
 * from.
 */
final class StepEndpoint extends DefaultEndpoint {

	private final Processor step;

	StepEndpoint(String uri, Component component, Processor step) {
		super(uri, component);
		this.step = step;
	}

	@Override
	public Producer createProducer() {
		return new DefaultProducer(this) {
			@Override
			public void process(Exchange exchange) throws Exception {
				step.process(exchange);
			}
		};
	}

	@Override
	public Consumer createConsumer(Processor processor) {
		throw new UnsupportedOperationException(
				getEndpointUri() + " is a step to send to; routes start from platform-http or kafka");
	}

}
