package dev.handoff.guard;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits every message is held to before its contract is even looked at.
 *
 * @param maxBytes the largest message accepted (default 1 MiB)
 * @param maxDepth the deepest nesting of objects and arrays
 * @param maxNumberLength the most digits a number may have
 */
@Validated
@ConfigurationProperties("handoff.guard")
public record GuardProperties(@DefaultValue("1048576") @Min(1) int maxBytes, @DefaultValue("32") @Min(1) int maxDepth,
		@DefaultValue("64") @Min(1) int maxNumberLength) {
}
