package dev.handoff.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Keeps every answer the service gives while a test runs, exactly as it leaves the
 * server, so that the test can check each against the OpenAPI document
 * ({@link ApiDocument}). It stands outside every other filter, so the answers of the
 * token check and the edges' door are kept too. Edges answer asynchronously (Camel
 * completes the request on its own thread): the body is kept once the last dispatch of
 * the request is done, as Spring's ShallowEtagHeaderFilter does.
 */
public final class AnswerRecorder extends OncePerRequestFilter {

	/** One answer, and the call it answered. */
	public record Answer(String method, String path, String query, int status, String contentType, byte[] body) {

		@Override
		public String toString() {
			return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
		}
	}

	private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

	/** The answers kept since the last call, oldest first. */
	public List<Answer> drain() {
		List<Answer> drained = new ArrayList<>();
		for (Answer answer = answers.poll(); answer != null; answer = answers.poll()) {
			drained.add(answer);
		}
		return drained;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		// the edges' answers are written on Camel's thread and leave on the async
		// dispatch
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// the document itself, fetched to check the others
		return request.getRequestURI().startsWith("/v3/api-docs");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper kept = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
		if (kept == null) {
			kept = new ContentCachingResponseWrapper(response);
		}
		try {
			chain.doFilter(request, kept);
		}
		finally {
			if (!isAsyncStarted(request)) {
				// kept before the body goes out: when the client has the answer, the test
				// can see it here
				answers.add(new Answer(request.getMethod(), request.getRequestURI(), request.getQueryString(),
						kept.getStatus(), kept.getContentType(), kept.getContentAsByteArray()));
				kept.copyBodyToResponse();
			}
		}
	}

	/**
	 * Puts the recorder in front of everything in the application context of a test that
	 * imports this.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Registration {

		@Bean
		AnswerRecorder answerRecorder() {
			return new AnswerRecorder();
		}

		@Bean
		FilterRegistrationBean<AnswerRecorder> answerRecorderRegistration(AnswerRecorder recorder) {
			FilterRegistrationBean<AnswerRecorder> registration = new FilterRegistrationBean<>(recorder);
			registration.addUrlPatterns("/*");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

}
