package org.carebridge.rules.visits;

/** An event the judgement did not use, and why: nothing is silently dropped. */
public record IgnoredEvent(String eventId, Why why) {
    public enum Why {
        /** Same id and same content as an event already seen. */
        DUPLICATE,
        /** Same id as an event already seen but different content: the first one stands. */
        CONFLICTING_DUPLICATE,
        /** A later correction names it in {@code supersedes}. */
        SUPERSEDED,
        /** For another person than the planned visit's. */
        OTHER_CLIENT
    }
}
