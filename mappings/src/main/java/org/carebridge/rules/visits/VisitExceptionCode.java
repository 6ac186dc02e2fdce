package org.carebridge.rules.visits;

/** Codes of CodeSystem CareBridge-VisitException. */
public enum VisitExceptionCode {
    LATE("late"), EARLY("early"), MISSED("missed"), VOID("void"), NO_RESPONSE("no-response"), REFUSED("refused"),
    SHORT_VISIT("short-visit"), DOUBLE_UP_LATE("double-up-late"), MANUAL_ENTRY_LATE("manual-entry-late");

    private final String code;

    VisitExceptionCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
