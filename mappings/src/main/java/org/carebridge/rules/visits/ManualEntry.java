package org.carebridge.rules.visits;

import java.time.Instant;
import java.util.Objects;

/**
 * Why and by whom a time was typed in rather than logged in the home.
 *
 * @param exceptionCode the provider's ECM exception code (e.g. "phone-failure")
 * @param reason        free text, already scrubbed of NI numbers
 * @param enteredBy     pseudonym of the person who entered it
 * @param enteredAt     when it was entered: the 24 h rule (H:3277) compares this with the event time
 */
public record ManualEntry(String exceptionCode, String reason, String enteredBy, Instant enteredAt) {
    public ManualEntry {
        Objects.requireNonNull(exceptionCode, "exceptionCode");
        Objects.requireNonNull(enteredBy, "enteredBy");
        Objects.requireNonNull(enteredAt, "enteredAt");
    }
}
