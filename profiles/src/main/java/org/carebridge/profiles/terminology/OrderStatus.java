package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Order status: Business status of an order for care (K:628, K:2346, K:2993). */
public enum OrderStatus implements CareBridgeCode {
    OFFERED("offered", "Offered", "Offered to a provider, awaiting a response."),
    ACCEPTED("accepted", "Accepted", "The provider accepted the package."),
    DECLINED("declined", "Declined", "The provider declined the package (K:2993)."),
    ACTIVE("active", "Active", "Care is being delivered."),
    SUSPENDED("suspended", "Suspended", "Delivery paused, e.g. after 48 hours in hospital (H:3699-3705)."),
    VARIED("varied", "Varied", "The order was varied; a new version supersedes it."),
    CANCELLED("cancelled", "Cancelled", "Cancelled before or during delivery."),
    HANDED_BACK("handed-back", "Handed back", "The provider handed the package back (K:2346)."),
    ENDED("ended", "Ended", "The package reached its end date.");

    public static final String SYSTEM = Canonical.codeSystem("OrderStatus");
    public static final String VALUE_SET = Canonical.valueSet("OrderStatus");

    private final String code;
    private final String display;
    private final String definition;

    OrderStatus(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<OrderStatus> fromCode(String code) {
        return CareBridgeCode.lookup(OrderStatus.class, code);
    }
}
