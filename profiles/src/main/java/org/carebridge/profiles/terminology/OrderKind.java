package org.carebridge.profiles.terminology;

import org.carebridge.profiles.Canonical;

/** Order kind: The document that commissions care (K:591, K:711, H:3295). */
public enum OrderKind implements CareBridgeCode {
    SDO("SDO", "Service Delivery Order", null),
    FAN("FAN", "Financial Activation Notice", null),
    PO("PO", "Purchase order", null);

    public static final String SYSTEM = Canonical.codeSystem("OrderKind");
    public static final String VALUE_SET = Canonical.valueSet("OrderKind");

    private final String code;
    private final String display;
    private final String definition;

    OrderKind(String code, String display, String definition) {
        this.code = code;
        this.display = display;
        this.definition = definition;
    }

    @Override public String system() { return SYSTEM; }
    @Override public String code() { return code; }
    @Override public String display() { return display; }
    @Override public String definition() { return definition; }

    /** The constant for a code, or empty when the code is not in this system. */
    public static java.util.Optional<OrderKind> fromCode(String code) {
        return CareBridgeCode.lookup(OrderKind.class, code);
    }
}
