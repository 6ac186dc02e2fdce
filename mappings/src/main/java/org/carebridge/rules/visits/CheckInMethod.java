package org.carebridge.rules.visits;

import java.util.Locale;
import java.util.Optional;

/** How a check-in or check-out was recorded: automatically in the home, or typed in afterwards (H:3264-3266). */
public enum CheckInMethod {
    APP, TELEPHONY, MANUAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean electronic() {
        return this != MANUAL;
    }

    public static Optional<CheckInMethod> fromCode(String code) {
        for (CheckInMethod m : values()) {
            if (m.code().equalsIgnoreCase(code.trim())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
