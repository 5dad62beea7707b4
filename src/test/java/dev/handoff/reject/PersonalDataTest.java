package dev.handoff.reject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.guard.Violation;
import org.junit.jupiter.api.Test;

/**
 * What a viewer sees of a violation at a personal field: its values masked, in the
 * validator's detail as well.
 */
class PersonalDataTest {

	private final PersonalData personal = new PersonalData(new PersonalData.Properties(List.of("userId", "email")),
			new ObjectMapper());

	@Test
	void masksTheValueTheValidatorQuotesInItsDetail() {
		Violation v = new Violation("/userId", "schema:pattern", "userId is not in the expected form", null,
				TextNode.valueOf("u-829361"), "#/userId: string [u-829361] does not match pattern ^u-[0-9]{8}$");
		Violation masked = personal.mask(List.of(v)).get(0);
		assertThat(masked.detail()).isEqualTo("#/userId: string [•••] does not match pattern ^u-[0-9]{8}$");
		assertThat(masked.actual().asText()).isEqualTo(PersonalData.MASK);
		assertThat(masked.message()).isEqualTo("userId is not in the expected form");
	}

	@Test
	void masksAnAddressInTheDetailEvenWhereTheValueDiffers() {
		Violation v = new Violation("/context/traits/email", "schema:format",
				"context › traits › email is not an email address", null, TextNode.valueOf("ann@example"),
				"#/context/traits/email: [ann@example] is not a valid email address; see bob@example.com");
		assertThat(personal.mask(List.of(v)).get(0).detail())
			.isEqualTo("#/context/traits/email: [•••] is not a valid email address; see •••");
	}

	@Test
	void leavesOtherFieldsAsTheyAre() {
		Violation v = new Violation("/type", "schema:enum", "type must be one of \"regular\" or \"plaintext\"", null,
				TextNode.valueOf("rss"), "#/type: rss is not a valid enum value");
		assertThat(personal.mask(List.of(v))).containsExactly(v);
	}

}
