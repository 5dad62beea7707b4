package dev.handoff.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A Jackson reader that refuses what a lenient parser would let through: duplicate keys,
 * trailing content, nesting deeper or numbers longer than the limits. Used for messages
 * and contract files alike.
 */
public final class StrictJson {

	private final ObjectMapper mapper;

	public StrictJson(int maxDepth, int maxNumberLength, int maxStringLength) {
		JsonFactory factory = JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(maxDepth)
				.maxNumberLength(maxNumberLength)
				.maxStringLength(maxStringLength)
				.build())
			.build();
		this.mapper = JsonMapper.builder(factory)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
			.build();
	}

	/** Limits generous enough for hand-written files such as contracts. */
	public static StrictJson forFiles() {
		return new StrictJson(64, 100, 10_000_000);
	}

	/**
	 * Parses a whole document; any syntax problem or broken limit is an exception naming
	 * line and column.
	 */
	public JsonNode read(byte[] bytes) throws java.io.IOException {
		JsonNode node = mapper.readTree(bytes);
		if (node == null || node.isMissingNode()) {
			throw new java.io.EOFException("empty document: no JSON value found");
		}
		return node;
	}

	public ObjectMapper mapper() {
		return mapper;
	}

}
