package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Manual entry reason: Why a visit was entered manually. Councils publish their own lists; these are the common ones. */
public enum ManualEntryReason implements CareBridgeCode {
    DEVICE_FAILURE("device-failure", "Device failure", null),
    NO_SIGNAL("no-signal", "No mobile signal", null),
    NO_LANDLINE("no-landline", "Landline unavailable", null),
    WORKER_OMISSION("worker-omission", "Worker did not log the visit", null),
    PERSON_DECLINED_LOGGING("person-declined-logging", "The person declined electronic logging", null),
    SYSTEM_OUTAGE("system-outage", "Monitoring system outage", null),
    OTHER("other", "Other", "Free-text reason given.");

    public static final String SYSTEM = Canonical.codeSystem("ManualEntryReason");
    public static final String VALUE_SET = Canonical.valueSet("ManualEntryReason");

    private final String code;
    private final String display;
    private final String definition;

    ManualEntryReason(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<ManualEntryReason> fromCode(String code) {
        return CareBridgeCode.lookup(ManualEntryReason.class, code);
    }
}
