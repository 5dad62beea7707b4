package dev.handoff.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.handoff.access.Caller;
import dev.handoff.reject.Redaction;
import dev.handoff.api.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/report} (viewer): the truth tax over a window ({@code since},
 * {@code until}), narrowed by {@code edge} and {@code campaign}, as JSON, CSV or text:
 * {@code format=json|csv|text}, or else by the Accept header.
 */
@RestController
class ReportController {

	static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm")
		.withZone(ZoneOffset.UTC);

	private final TaxReport reports;

	private final Clock clock;

	/**
	 * {@code clock}: a Clock bean when there is one (a test fixes "now"), else the
	 * system's.
	 */
	ReportController(TaxReport reports, ObjectProvider<Clock> clock) {
		this.reports = reports;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	enum Format {

		JSON, CSV, TEXT

	}

	@Operation(summary = "The truth tax report")
	@GetMapping("/api/report")
	@ApiResponse(responseCode = "200", description = "the report",
			content = { @Content(mediaType = "application/json", schema = @Schema(implementation = Report.class)),
					@Content(mediaType = "text/csv", schema = @Schema(type = "string")),
					@Content(mediaType = "text/plain", schema = @Schema(type = "string")) })
	@ApiResponse(responseCode = "400", description = "a since, until or format that is not one")
	ResponseEntity<?> report(
			@Parameter(
					description = "an ISO-8601 instant, or days, hours or minutes back (30d, 12h, 90m)") @RequestParam(
							required = false) String since,
			@Parameter(description = "as since; now when absent") @RequestParam(required = false) String until,
			@RequestParam(required = false) String edge, @RequestParam(required = false) String campaign,
			@Parameter(description = "else by the Accept header",
					schema = @Schema(type = "string", allowableValues = { "json", "csv", "text" })) @RequestParam(
							required = false) String format,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			HttpServletRequest request) {
		Format chosen = format == null || format.isBlank() ? negotiated(accept) : named(format);
		Instant now = clock.instant();
		Report report = reports.report(Window.parse(since, until, now), edge, campaign, now,
				Redaction.masks(Caller.of(request)));
		return switch (chosen) {
			case JSON -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
			case TEXT -> ResponseEntity.ok().contentType(TEXT).body(ReportText.of(report));
			case CSV -> ResponseEntity.ok()
				.contentType(CSV)
				.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
					.filename(
							"handoff-report-" + DAY.format(report.since()) + "-" + DAY.format(report.until()) + ".csv")
					.build()
					.toString())
				.body(ReportCsv.of(report));
		};
	}

	private static Format named(String format) {
		try {
			return Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new BadRequest("format '" + format + "' is not one of json, csv, text");
		}
	}

	/**
	 * The first of JSON, CSV and text the Accept header prefers; JSON when it names none
	 * of them.
	 */
	private static Format negotiated(String accept) {
		if (accept == null || accept.isBlank()) {
			return Format.JSON;
		}
		List<MediaType> types = MediaType.parseMediaTypes(accept)
			.stream()
			.sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
			.toList();
		for (MediaType type : types) {
			if (type.isWildcardType() || type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				return Format.JSON;
			}
			// text/* is plain text
			if (type.isCompatibleWith(TEXT)) {
				return Format.TEXT;
			}
			if (type.isCompatibleWith(CSV)) {
				return Format.CSV;
			}
		}
		return Format.JSON;
	}

}
