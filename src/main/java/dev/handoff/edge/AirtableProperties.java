package dev.handoff.edge;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Airtable table that routes/brief-airtable.yaml reads approved briefs from. The
 * token is not a setting here: it is the edge's credentials,
 * {@code handoff.delivery.edges.brief-airtable.auth} (kind {@code bearer}, a personal
 * access token), handled like every other tool's.
 *
 * @param enabled true starts the schedule, the ping and the edge {@code brief-airtable}
 * @param url Airtable's API; a stand-in's in tests
 * @param base the base's id ({@code app...})
 * @param table the table's id ({@code tbl...}) or a name without spaces
 * @param filter the Airtable formula a record must satisfy to be read, e.g.
 * {@code {status}='Approved'}; empty reads all
 * @param interval how often the table is read
 * @param overlap how long before the start of the last whole poll the next one asks from,
 * so that records changed while it ran, or stamped by a clock behind ours, are read again
 * (harmless: what was taken is remembered)
 * @param rateLimitWait the wait after a 429 that names no {@code Retry-After} (Airtable
 * asks for 30 s)
 * @param macSecret the {@code macSecretBase64} Airtable returned when the webhook was
 * made, which signs its pings; none refuses every ping
 */
@Validated
@ConfigurationProperties("handoff.airtable")
public record AirtableProperties(boolean enabled, @DefaultValue("https://api.airtable.com") URI url, String base,
		String table, @DefaultValue("{status}='Approved'") String filter, @DefaultValue("5m") Duration interval,
		@DefaultValue("5m") Duration overlap, @DefaultValue("30s") Duration rateLimitWait, String macSecret) {

	/**
	 * What may stand in a URL path unencoded: Airtable's ids, and table names without
	 * spaces or slashes.
	 */
	private static final Pattern PATH_SAFE = Pattern.compile("[A-Za-z0-9._~-]+");

	public AirtableProperties {
		filter = filter == null ? "" : filter.strip();
		macSecret = macSecret == null || macSecret.isBlank() ? null : macSecret.strip();
		// checked at start: a table left out would otherwise show only as a poll failing
		// in the log every interval
		List<String> problems = new ArrayList<>();
		if (enabled && (base == null || !PATH_SAFE.matcher(base).matches())) {
			problems.add("handoff.airtable.base needs the base's id (app..., in the URL of the base)");
		}
		if (enabled && (table == null || !PATH_SAFE.matcher(table).matches())) {
			problems.add(
					"handoff.airtable.table needs the table's id (tbl..., in the URL of the table) or a name without spaces");
		}
		if (macSecret != null && !isBase64(macSecret)) {
			problems
				.add("handoff.airtable.mac-secret is the webhook's macSecretBase64, as Airtable returned it (base64)");
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
	}

	/** The webhook's MAC key, or null when none is set. */
	byte[] macKey() {
		return macSecret == null ? null : Base64.getDecoder().decode(macSecret);
	}

	private static boolean isBase64(String text) {
		try {
			Base64.getDecoder().decode(text);
			return true;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}
}
