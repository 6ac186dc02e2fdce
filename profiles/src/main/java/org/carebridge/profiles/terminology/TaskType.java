package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Task type: Kinds of Task the gateway emits. */
public enum TaskType implements CareBridgeCode {
    OFFER("offer", "Offer", "A referral or order offered to a provider for a response."),
    ALERT("alert", "Alert", "A notification the council must receive.");

    public static final String SYSTEM = Canonical.codeSystem("TaskType");
    public static final String VALUE_SET = Canonical.valueSet("TaskType");

    private final String code;
    private final String display;
    private final String definition;

    TaskType(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<TaskType> fromCode(String code) {
        return CareBridgeCode.lookup(TaskType.class, code);
    }
}
