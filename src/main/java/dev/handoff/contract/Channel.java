package dev.handoff.contract;

/** The UTM source and medium a channel's links and events must carry. */
public record Channel(String source, String medium) {
}
