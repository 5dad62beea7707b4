package dev.handoff.access;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a call into {@code /api/} through only with a known bearer token whose role allows
 * it: reads need {@code viewer}, changes {@code operator}, reloading contracts
 * {@code admin}. No token configured means no access.
 */
class ApiAccessFilter extends OncePerRequestFilter {

	private final Tokens tokens;

	private final ObjectMapper mapper;

	ApiAccessFilter(Tokens tokens, ObjectMapper mapper) {
		this.tokens = tokens;
		this.mapper = mapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
			deny(response, HttpStatus.UNAUTHORIZED, "the review API needs 'Authorization: Bearer <token>'");
			return;
		}
		Caller token = tokens.authenticate(header.substring(7)).orElse(null);
		if (token == null) {
			deny(response, HttpStatus.UNAUTHORIZED,
					"the bearer token is not one of the configured tokens (handoff.access.tokens)");
			return;
		}
		Role needed = needed(request);
		if (!token.role().allows(needed)) {
			deny(response, HttpStatus.FORBIDDEN, "token '" + token.name() + "' has role " + token.role().lowerCase()
					+ "; this call needs " + needed.lowerCase());
			return;
		}
		Caller.set(request, token);
		chain.doFilter(request, response);
	}

	static Role needed(HttpServletRequest request) {
		return Role.neededFor(request.getMethod(),
				request.getRequestURI().substring(request.getContextPath().length()));
	}

	private void deny(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		ProblemDetail problem = Problems.of(status, status == HttpStatus.UNAUTHORIZED ? "unauthorized" : "forbidden",
				status == HttpStatus.UNAUTHORIZED ? "Unauthorized" : "Forbidden", detail);
		response.setStatus(status.value());
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"handoff\"");
		}
		response.setContentType("application/problem+json");
		mapper.writeValue(response.getOutputStream(), problem);
	}

}
