package org.carebridge.gateway.profiles;

import java.util.Locale;

/** What a tenant does with a create or update that does not conform ({@code carebridge.tenants.<id>.validation}). */
public enum ValidationMode {
    /** Rejected with 422 and the OperationOutcome. */
    STRICT,
    /** Stored; the OperationOutcome is returned to a client that sends {@code Prefer: return=OperationOutcome}. */
    WARN,
    /** Not validated on write ($validate still works). */
    OFF;

    public static ValidationMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("validation mode must be strict, warn or off, not '" + value + "'");
        }
    }
}
