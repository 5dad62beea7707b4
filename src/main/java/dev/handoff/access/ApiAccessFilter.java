package dev.handoff.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * Lets a call into {@code /api/} through only with a known bearer token whose role allows it: reads need
 * {@code viewer}, changes {@code operator}, reloading contracts {@code admin}. No token configured means no access.
 */
class ApiAccessFilter extends OncePerRequestFilter {

	/** The request attribute naming who called, for the audit trail. */
	static final String CALLER = "dev.handoff.access.caller";

	private final Map<String, AccessProperties.Token> bySha256;

	private final ObjectMapper mapper;

	ApiAccessFilter(AccessProperties properties, ObjectMapper mapper) {
		this.bySha256 = properties.tokens().stream()
			.collect(Collectors.toUnmodifiableMap(t -> t.sha256().toLowerCase(Locale.ROOT), Function.identity()));
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
		AccessProperties.Token token = bySha256.get(sha256(header.substring(7).trim()));
		if (token == null) {
			deny(response, HttpStatus.UNAUTHORIZED, "the bearer token is not one of the configured tokens (handoff.access.tokens)");
			return;
		}
		Role needed = needed(request);
		if (!token.role().allows(needed)) {
			deny(response, HttpStatus.FORBIDDEN, "token '" + token.name() + "' has role " + token.role().lowerCase() + "; this call needs "
					+ needed.lowerCase());
			return;
		}
		request.setAttribute(CALLER, token.name());
		chain.doFilter(request, response);
	}

	/** Reads need a viewer, changes an operator, changing what the service runs an admin. */
	static Role needed(HttpServletRequest request) {
		String method = request.getMethod();
		if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
			return Role.VIEWER;
		}
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/contracts") ? Role.ADMIN : Role.OPERATOR;
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

	static String sha256(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java platform has SHA-256", e);
		}
	}
}
