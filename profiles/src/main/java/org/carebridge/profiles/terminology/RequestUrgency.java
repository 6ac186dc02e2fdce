package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Request urgency: Urgency grades for a request for service (H:3085-3095). */
public enum RequestUrgency implements CareBridgeCode {
    URGENT_3H("urgent-3h", "3 hour - urgent", "High-risk urgent or emergency request; 100% performance expected."),
    MEDIUM_24H("medium-24h", "24 hour - medium", "Includes all hospital discharge requests (minimum 24-hour response)."),
    STANDARD_48H("standard-48h", "48 hour - standard", "Most requests: implementation within 48 hours.");

    public static final String SYSTEM = Canonical.codeSystem("RequestUrgency");
    public static final String VALUE_SET = Canonical.valueSet("RequestUrgency");

    private final String code;
    private final String display;
    private final String definition;

    RequestUrgency(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<RequestUrgency> fromCode(String code) {
        return CareBridgeCode.lookup(RequestUrgency.class, code);
    }
}
