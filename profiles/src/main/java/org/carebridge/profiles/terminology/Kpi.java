package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Contract KPI: Contract monitoring KPIs computable from gateway data (H:2697-3142, K:424-486). */
public enum Kpi implements CareBridgeCode {
    EMONITORING_COMPLIANCE("emonitoring-compliance", "E-monitoring compliance", "Share of visits logged electronically in the home (H:3221)."),
    PUNCTUALITY("punctuality", "Punctuality", "Share of visits within tolerance."),
    MISSED_VISITS("missed-visits", "Missed visits", "Count of missed visits."),
    DOUBLE_UP_ARRIVAL("double-up-arrival", "Double-up arrival", "Share of two-worker visits where both arrived within tolerance (H:3121)."),
    CONTINUITY("continuity", "Continuity", "Share of packages within the worker-count band (H:1450-1460, K:1133)."),
    HOURS_DELIVERED("hours-delivered", "Hours delivered vs commissioned", "Delivered hours as a share of commissioned hours."),
    REFERRAL_ACKNOWLEDGEMENT("referral-acknowledgement", "Referral acknowledgement", "Share of requests acknowledged within 2 hours (H:3077)."),
    REFERRAL_RESPONSE("referral-response", "Referral response", "Share of responses within the response band (H:794-804)."),
    ACCEPTANCE("acceptance", "Acceptance within capacity", "Share of referrals accepted within declared capacity (H:1262)."),
    REVIEW_TIMELINESS("review-timeliness", "Review timeliness", "Share of reviews on time (H:1491-1503)."),
    PACKAGE_SETUP("package-setup", "Timely package set-up", "Share of packages started on the agreed date.");

    public static final String SYSTEM = Canonical.codeSystem("Kpi");
    public static final String VALUE_SET = Canonical.valueSet("Kpi");

    private final String code;
    private final String display;
    private final String definition;

    Kpi(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<Kpi> fromCode(String code) {
        return CareBridgeCode.lookup(Kpi.class, code);
    }
}
