package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Review type: Care and support plan reviews (K:1636-1642, H:1491-1503). */
public enum ReviewType implements CareBridgeCode {
    FIRST("first", "First review", "Kent: within 8 weeks of the start of the package."),
    SIX_WEEK("six-week", "Six-week review", "H&F: within 6 weeks of the start."),
    THREE_MONTHLY("three-monthly", "Three-monthly review", "H&F: every three months."),
    ANNUAL("annual", "Annual review", "At least annually."),
    UNSCHEDULED("unscheduled", "Unscheduled review", "Prompted by a change in need."),
    SCHEDULED("scheduled", "Scheduled review", "A planned review at the date the plan sets (Mosaic extracts).");

    public static final String SYSTEM = Canonical.codeSystem("ReviewType");
    public static final String VALUE_SET = Canonical.valueSet("ReviewType");

    private final String code;
    private final String display;
    private final String definition;

    ReviewType(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<ReviewType> fromCode(String code) {
        return CareBridgeCode.lookup(ReviewType.class, code);
    }
}
