package org.carebridge.rules.visits;

import java.util.Locale;
import java.util.Optional;

/** What an electronic call monitoring event says happened at the door. */
public enum EventKind {
    CHECK_IN, CHECK_OUT, NO_REPLY, REFUSAL, PERSON_IN_HOSPITAL;

    /** The wire form: check-in, check-out, no-reply, refusal, person-in-hospital. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<EventKind> fromCode(String code) {
        for (EventKind k : values()) {
            if (k.code().equalsIgnoreCase(code.trim())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Events that record a worker at the door without care being delivered. */
    public boolean isAttendanceOutcome() {
        return this == NO_REPLY || this == REFUSAL || this == PERSON_IN_HOSPITAL;
    }
}
