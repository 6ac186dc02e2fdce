package org.carebridge.mappings.discharge.hl7;

import java.util.Optional;

/** The ADT trigger events the gateway acts on (shared/standards.md); any other is rejected with AR. */
public enum AdtType {
    A01("admit"),
    A03("discharge"),
    A08("update patient information"),
    A11("cancel admit"),
    A13("cancel discharge");

    private final String meaning;

    AdtType(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<AdtType> fromTrigger(String trigger) {
        for (AdtType t : values()) {
            if (t.name().equals(trigger)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
