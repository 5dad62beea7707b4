package dev.handoff.reject;

/** What a reviewer narrows the queue by; null means any. */
public record RejectFilter(String edge, String status, String rule, String campaign) {
}
