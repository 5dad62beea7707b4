package dev.handoff.inbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.handoff.inbound.Refusal.Reason;

/**
 * Who may send to each edge: the kind its route names ({@code inbound=}) with the secrets
 * configured for it ({@code handoff.edges.inbound.<edge>}, and for Standard Webhooks the
 * older {@code handoff.edges.signatures.<edge>}). Edges are read at start and at every
 * route reload; an edge whose kind lacks its secrets, or has keys of another kind, does
 * not serve ({@link #problems}).
 */
public final class InboundAuth {

	private static final String PREFIX = "handoff.edges.inbound.";

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/**
	 * Headers an API key cannot travel in: the HTTP machinery, the body's description,
	 * the edge's own idempotency key.
	 */
	private static final Set<String> NOT_FOR_KEYS = Set.of("host", "connection", "content-length", "content-type",
			"content-encoding", "transfer-encoding", "expect", "upgrade", "idempotency-key", "webhook-id",
			"webhook-timestamp", "webhook-signature");

	/** The verifier of an edge that cannot serve: nobody gets in. */
	private static final Verifier CLOSED = new Verifier() {
		@Override
		public Optional<Refusal> headers(jakarta.servlet.http.HttpServletRequest request) {
			return Refusal.credential(Reason.missing,
					"this edge takes no messages until its route and settings say who may send", null);
		}
	};

	private final Map<String, InboundSettings> settings;

	private final Map<String, InboundSettings> signatures;

	private final Clock clock;

	private final Map<String, Verifier> verifiers = new ConcurrentHashMap<>();

	/**
	 * @param settings per edge, {@code handoff.edges.inbound.<edge>}
	 * @param signatures per edge, the Standard Webhooks secrets of
	 * {@code handoff.edges.signatures.<edge>}
	 * @param clock what signed timestamps are held against
	 */
	public InboundAuth(Map<String, InboundSettings> settings, Map<String, InboundSettings> signatures, Clock clock) {
		this.settings = Map.copyOf(settings);
		this.signatures = Map.copyOf(signatures);
		this.clock = clock;
	}

	/**
	 * What keeps an edge from taking messages as its route says, each a sentence that
	 * names the property to set; empty when it can serve.
	 */
	public List<String> problems(String edge, InboundKind kind) {
		InboundSettings own = settingsOf(settings, edge);
		InboundSettings legacy = settingsOf(signatures, edge);
		List<String> problems = new ArrayList<>();
		if (legacy != null && kind != InboundKind.standard_webhooks) {
			problems.add("handoff.edges.signatures." + edge + " is set, but its route says inbound=" + kind.display()
					+ ": say inbound=standard-webhooks, or remove those secrets");
		}
		if (legacy != null && own != null && !own.secrets().isEmpty()) {
			problems.add("its Standard Webhooks secrets are set twice: keep " + property(edge, "secrets")
					+ " and remove handoff.edges.signatures." + edge);
		}
		List<String> uses = uses(edge, kind, effective(edge, kind), problems);
		if (own != null) {
			List<String> stray = own.keys()
				.entrySet()
				.stream()
				.filter(k -> k.getValue() && !uses.contains(k.getKey()))
				.map(Map.Entry::getKey)
				.toList();
			if (!stray.isEmpty()) {
				// a key of another kind most likely means the route or the settings name
				// the wrong kind: say so, never ignore a secret
				problems.add("inbound=" + kind.display() + " does not use "
						+ String.join(", ", stray.stream().map(k -> property(edge, k)).toList()));
			}
		}
		return problems;
	}

	/**
	 * The keys a kind takes; what it needs and lacks, or has in a form it cannot use, is
	 * added to the problems.
	 */
	private static List<String> uses(String edge, InboundKind kind, InboundSettings effective, List<String> problems) {
		return switch (kind) {
			case open -> List.of();
			case basic -> {
				needs(problems, edge, kind, "username", effective.username() != null,
						"the user name its senders present");
				yield List.of("username", "passwords");
			}
			case bearer -> {
				needs(problems, edge, kind, "tokens", !effective.tokens().isEmpty(), "the tokens its senders present");
				yield List.of("tokens");
			}
			case api_key -> {
				needs(problems, edge, kind, "header", effective.header() != null,
						"the header its senders put the key in, e.g. X-API-Key");
				needs(problems, edge, kind, "tokens", !effective.tokens().isEmpty(), "the keys its senders present");
				if (effective.header() != null && (!HEADER_NAME.matcher(effective.header()).matches()
						|| NOT_FOR_KEYS.contains(effective.header().toLowerCase(Locale.ROOT)))) {
					problems.add(property(edge, "header") + ": a key cannot travel in a header named '"
							+ effective.header() + "'");
				}
				yield List.of("header", "tokens");
			}
			case standard_webhooks -> {
				needs(problems, edge, kind, "secrets", !effective.secrets().isEmpty(),
						"the whsec_... secrets its senders sign with");
				for (int i = 0; i < effective.secrets().size(); i++) {
					if (!isStandardWebhooksSecret(effective.secrets().get(i))) {
						// which one, never what it holds
						problems.add(property(edge, "secrets") + "[" + i
								+ "] is not a Standard Webhooks secret (whsec_ and base64)");
					}
				}
				yield List.of("secrets", "tolerance");
			}
			case hmac -> {
				needs(problems, edge, kind, "secrets", !effective.secrets().isEmpty(),
						"the secrets its senders sign with");
				HmacScheme.of(effective)
					.problems()
					.forEach(p -> problems.add("inbound=hmac: " + PREFIX + edge + "." + p));
				yield List.of("secrets", "preset", "header", "algorithm", "encoding", "prefix", "signed",
						"timestamp-header", "timestamp-unit", "tolerance");
			}
			case segment -> {
				needs(problems, edge, kind, "tokens", !effective.tokens().isEmpty(),
						"the write keys of the Segment sources that send to it");
				yield List.of("tokens");
			}
		};
	}

	/**
	 * The verifier of an edge. An edge that names no kind (null), or whose settings do
	 * not fit its kind, lets nobody in: both are refused at start and at a reload, so
	 * this only closes a door that should not have opened.
	 */
	public Verifier verifier(String edge, InboundKind kind) {
		if (kind == null) {
			return CLOSED;
		}
		return verifiers.computeIfAbsent(edge + " " + kind,
				k -> problems(edge, kind).isEmpty() ? build(edge, kind) : CLOSED);
	}

	private Verifier build(String edge, InboundKind kind) {
		InboundSettings s = effective(edge, kind);
		return switch (kind) {
			case open -> Verifier.OPEN;
			case basic -> new BasicVerifier(edge, s.username(), s.passwords());
			case bearer -> new BearerVerifier(edge, s.tokens());
			case api_key -> new ApiKeyVerifier(s.header(), s.tokens());
			case standard_webhooks -> new StandardWebhooksVerifier(s.secrets(),
					s.tolerance() == null ? HmacScheme.FIVE_MINUTES : s.tolerance(), clock);
			case hmac -> new HmacVerifier(HmacScheme.of(s), s.secrets(), clock);
			case segment -> new SegmentVerifier(edge, s.tokens());
		};
	}

	/**
	 * The edge's settings, with the older Standard Webhooks secrets standing in for the
	 * newer keys they match.
	 */
	private InboundSettings effective(String edge, InboundKind kind) {
		InboundSettings own = settingsOf(settings, edge);
		InboundSettings legacy = kind == InboundKind.standard_webhooks ? settingsOf(signatures, edge) : null;
		if (own == null) {
			return legacy != null ? legacy : InboundSettings.none();
		}
		if (legacy == null) {
			return own;
		}
		return InboundSettings.standardWebhooks(own.secrets().isEmpty() ? legacy.secrets() : own.secrets(),
				own.tolerance() != null ? own.tolerance() : legacy.tolerance());
	}

	private static void needs(List<String> problems, String edge, InboundKind kind, String key, boolean set,
			String what) {
		if (!set) {
			problems.add("inbound=" + kind.display() + " needs " + property(edge, key) + " (" + what
					+ "; from the environment: " + variable(edge, key) + ")");
		}
	}

	private static boolean isStandardWebhooksSecret(String secret) {
		try {
			return Base64.getDecoder()
				.decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret).length > 0;
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	private static String property(String edge, String key) {
		return PREFIX + edge + "." + key;
	}

	/**
	 * The environment variable Spring's relaxed binding reads the key from: the edge's
	 * name without its dashes.
	 */
	static String variable(String edge, String key) {
		return "HANDOFF_EDGES_INBOUND_" + uniform(edge).toUpperCase(Locale.ROOT) + "_"
				+ uniform(key).toUpperCase(Locale.ROOT);
	}

	/**
	 * An edge's entry. One configured only by environment variables is bound under its
	 * name without dashes ({@code HANDOFF_EDGES_INBOUND_BRIEFAPPROVED_TOKENS} gives
	 * {@code briefapproved}), so that name is tried as well.
	 */
	private static InboundSettings settingsOf(Map<String, InboundSettings> map, String edge) {
		InboundSettings own = map.get(edge);
		return own != null ? own : map.get(uniform(edge));
	}

	private static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

}
