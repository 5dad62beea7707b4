package dev.handoff.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list answer, newest first, with how many there are in all.
 *
 * @param items this page's items
 * @param page which page, from 0
 * @param size the most items a page holds
 * @param total how many match in all
 * @param totalExact for lists that stop counting at a limit: false when at least
 * {@code total} match; absent where every match is counted
 * @param <T> the item
 */
public record Page<T>(List<T> items, int page, int size, long total, @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
		description = "false: at least total match (counting stops there); absent where every match is counted") Boolean totalExact) {

	/** A page of a list whose every match is counted. */
	public static <T> Page<T> of(List<T> items, int page, int size, long total) {
		return new Page<>(items, page, size, total, null);
	}

	/** A page of a list that stops counting at a limit. */
	public static <T> Page<T> counted(List<T> items, int page, int size, long total, boolean totalExact) {
		return new Page<>(items, page, size, total, totalExact);
	}

}
