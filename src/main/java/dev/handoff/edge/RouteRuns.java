package dev.handoff.edge;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultExchange;

/**
 * Runs a stored message through an edge route's steps as Camel built them, past the
 * route's HTTP consumer: a {@code platform-http} consumer cannot be sent to, and a copy
 * of the steps could drift from the file.
 */
final class RouteRuns {

	private RouteRuns() {
	}

	/**
	 * The guard's verdict and, when accepted, what the route made of the message and
	 * which accept it reached. A route that fails, or ends an accepted message without an
	 * accept, is an error: nothing may be stored then.
	 */
	static RouteRun run(CamelContext camel, String edge, byte[] payload, String contentType) {
		Route route = camel.getRoute(edge);
		if (route == null) {
			throw new IllegalStateException("edge '" + edge + "' has no route running; it cannot be replayed now");
		}
		RouteRun run = new RouteRun(payload);
		Exchange exchange = new DefaultExchange(camel);
		exchange.getExchangeExtension().setFromRouteId(edge);
		exchange.setProperty(RouteRun.PROPERTY, run);
		exchange.getMessage().setBody(payload);
		if (contentType != null) {
			exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
		}
		try {
			AsyncProcessorConverterHelper.convert(route.getProcessor()).process(exchange);
		}
		catch (Exception e) {
			exchange.setException(e);
		}
		Exception failure = exchange.getException() != null ? exchange.getException()
				: exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
		if (failure != null) {
			throw new IllegalStateException(
					"the route of edge '" + edge + "' failed on the replayed message: " + failure.getMessage(),
					failure);
		}
		if (run.verdict() == null) {
			throw new IllegalStateException(
					"the route of edge '" + edge + "' ended before its guard judged the replayed message");
		}
		if ((run.verdict().accepted() || run.verdict().held()) && !run.reachedAccept()) {
			throw new IllegalStateException(
					"the route of edge '" + edge + "' ended the accepted message without reaching handoff:accept");
		}
		return run;
	}

}
