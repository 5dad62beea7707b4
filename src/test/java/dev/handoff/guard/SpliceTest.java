package dev.handoff.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.json.StrictJson;
import org.junit.jupiter.api.Test;

/**
 * The received bytes with the changed values in their places are what writing the changed
 * tree gives; where the received bytes hold what Jackson writes otherwise, there is no
 * splice.
 */
class SpliceTest {

	private static final ObjectMapper STRICT = new StrictJson(32, 64, 1_048_576).mapper();

	/**
	 * The received message changed as the guard changes it and spliced; when there is a
	 * splice it is checked against writing the changed tree.
	 */
	private static String spliced(String received, Consumer<ObjectNode> change, String... pointers) throws IOException {
		ObjectNode tree = (ObjectNode) STRICT.readTree(received);
		change.accept(tree);
		byte[] spliced = Splice.of(received.getBytes(StandardCharsets.UTF_8), tree, List.of(pointers), STRICT);
		if (spliced == null) {
			return null;
		}
		// as bytes, as the guard writes: writeValueAsString would keep a surrogate pair
		// as
		// it is, the UTF-8 writer escapes it
		assertThat(new String(spliced, StandardCharsets.UTF_8)).as(received)
			.isEqualTo(new String(STRICT.writeValueAsBytes(tree), StandardCharsets.UTF_8));
		return new String(spliced, StandardCharsets.UTF_8);
	}

	@Test
	void writesAChangedValueInItsPlaceAndLeavesOutWhiteSpace() throws IOException {
		assertThat(spliced("\r\n{ \"a\" : \"x\",\n\t\"b\": [1, {\"c\": null} ] }\n", tree -> tree.put("a", "y"), "/a"))
			.isEqualTo("{\"a\":\"y\",\"b\":[1,{\"c\":null}]}");
	}

	@Test
	void addsANewPropertyAtTheEndOfItsObject() throws IOException {
		assertThat(spliced("{\"context\":{\"ip\":\"1\"},\"z\":0}",
				tree -> ((ObjectNode) tree.get("context")).putObject("campaign").put("name", "n").put("source", "s"),
				"/context/campaign/name", "/context/campaign/source"))
			.isEqualTo("{\"context\":{\"ip\":\"1\",\"campaign\":{\"name\":\"n\",\"source\":\"s\"}},\"z\":0}");
		assertThat(
				spliced("{\"context\" : { } }", tree -> ((ObjectNode) tree.get("context")).put("a", "b"), "/context/a"))
			.isEqualTo("{\"context\":{\"a\":\"b\"}}");
		assertThat(spliced("{}", tree -> tree.putObject("tracking").put("ga", "x\"y"), "/tracking/ga"))
			.isEqualTo("{\"tracking\":{\"ga\":\"x\\\"y\"}}");
	}

	@Test
	void writesTheObjectMadeInPlaceOfANull() throws IOException {
		assertThat(spliced("{\"campaign\":null,\"b\":true}", tree -> tree.putObject("campaign").put("name", "n"),
				"/campaign/name"))
			.isEqualTo("{\"campaign\":{\"name\":\"n\"},\"b\":true}");
	}

	@Test
	void keepsEverythingJacksonWritesAsReceived() throws IOException {
		String kept = "\"q\\\"b\\\\n\\n\\t\\r\\b\\f\\u0001\\u001F\u007f\u00e9\u20ac\u2028\\uD83D\\uDE00\\u000B\"";
		assertThat(spliced("{\"s\":" + kept + ",\"n\":[-12,0,12345678901234567890],\"a\":1}", tree -> tree.put("a", 2),
				"/a"))
			.isEqualTo("{\"s\":" + kept + ",\"n\":[-12,0,12345678901234567890],\"a\":2}");
	}

	@Test
	void writesACharacterBeyondTheBasicPlaneAsItsEscapedSurrogatesAsJacksonDoes() throws IOException {
		assertThat(spliced("{\"s\":\"a\ud83d\ude00b\",\"a\":1}", tree -> tree.put("a", 2), "/a"))
			.isEqualTo("{\"s\":\"a\\uD83D\\uDE00b\",\"a\":2}");
	}

	@Test
	void findsItsWayThroughAKeyWithEscapes() throws IOException {
		assertThat(spliced("{\"k\\n\\u0001\":{\"a\":1}}", tree -> ((ObjectNode) tree.get("k\n\u0001")).put("b", 2),
				"/k\n\u0001/b"))
			.isEqualTo("{\"k\\n\\u0001\":{\"a\":1,\"b\":2}}");
	}

	@Test
	void findsItsWayThroughAKeyWithASlashOrATildeInItsPointer() throws IOException {
		assertThat(spliced("{\"a/b~c\":{}}", tree -> ((ObjectNode) tree.get("a/b~c")).put("d", 1), "/a~1b~0c/d"))
			.isEqualTo("{\"a/b~c\":{\"d\":1}}");
	}

	@Test
	void writesAnAddedValueOfAnyTypeAsJacksonDoes() throws IOException {
		assertThat(spliced("{\"a\":1}", tree -> {
			ObjectNode added = tree.putObject("b");
			added.put("int", -7).put("long", 12345678901234L).put("yes", true).putNull("none");
			added.put("decimal", new BigDecimal("1.50")).put("big", new BigInteger("123456789012345678901"));
			added.put("text", "caf\u00e9 \ud83d\ude00 \"q\" \\ \u0001\n").put("double", 0.5);
			added.putArray("list").add(1).add("x").addNull().addObject();
		}, "/b")).isEqualTo("{\"a\":1,\"b\":{\"int\":-7,\"long\":12345678901234,\"yes\":true,\"none\":null,"
				+ "\"decimal\":1.50,\"big\":123456789012345678901,\"text\":\"caf\u00e9 \\uD83D\\uDE00 \\\"q\\\" \\\\ \\u0001\\n\","
				+ "\"double\":0.5,\"list\":[1,\"x\",null,{}]}}");
	}

	@Test
	void leavesToWritingTheTreeWhatJacksonWritesOtherwise() throws IOException {
		for (String value : new String[] { "1.5", "1.50", "1e2", "-0", "\"\\/\"", "\"\\u00e9\"", "\"\\u0041\"",
				"\"\\u001f\"", "\"\\u007F\"", "\"\\u000A\"", "\"\\u000a\"", "\"\\ud83d\\ude00\"",
				"\"\\uD83D\\ude00\"" }) {
			assertThat(spliced("{\"v\":" + value + ",\"a\":1}", tree -> tree.put("a", 2), "/a")).as(value).isNull();
		}
		assertThat(Splice.of("{\"v\":\"\ud83d\ude00\"}".getBytes(StandardCharsets.UTF_16), STRICT.readTree("{}"),
				List.of("/a"), STRICT))
			.as("not UTF-8")
			.isNull();
		assertThat(Splice.of(new byte[] { '{', '"', 'v', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}' },
				STRICT.readTree("{\"v\":\"\\u0000\"}"), List.of("/a"), STRICT))
			.as("an overlong UTF-8 form")
			.isNull();
	}

	@Test
	void leavesToWritingTheTreeATreeThatIsNotTheReceivedOneChangedAtThePointers() throws IOException {
		ObjectNode reordered = (ObjectNode) STRICT.readTree("{\"b\":1,\"a\":1}");
		assertThat(Splice.of("{\"a\":1,\"b\":1}".getBytes(StandardCharsets.UTF_8), reordered, List.of("/a"), STRICT))
			.isNull();
		assertThat(Splice.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8), STRICT.readTree("{\"a\":1}"), List.of(""),
				STRICT))
			.as("the whole message changed")
			.isNull();
	}

}
