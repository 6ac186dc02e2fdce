package org.carebridge.mappings.discharge.notice;

import java.util.Optional;

/**
 * Care Act 2014 Schedule 3 notices from a hospital to a council, with the SNOMED CT codes of the retired NHS
 * Assessment, Discharge and Withdrawal (ADW) messaging standard, and the council's accept and reject answers.
 * Withdrawals have no accept/reject code of their own: the council acknowledges them.
 */
public enum NoticeType {
    ASSESSMENT("975701000000106", "Assessment Notice", "975711000000108", "975721000000102"),
    DISCHARGE("975731000000100", "Discharge Notice", "975821000000109", "975831000000106"),
    WITHDRAW_ALL("975841000000102", "Withdraw All Notices", null, null),
    WITHDRAW_ASSESSMENT("1078011000000107", "Withdraw Assessment Notice only", null, null);

    public static final String SNOMED = "http://snomed.info/sct";

    private final String code;
    private final String display;
    private final String acceptCode;
    private final String rejectCode;

    NoticeType(String code, String display, String acceptCode, String rejectCode) {
        this.code = code;
        this.display = display;
        this.acceptCode = acceptCode;
        this.rejectCode = rejectCode;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    /** The SNOMED code of the council's answer, or empty for a withdrawal (acknowledged only). */
    public Optional<String> answerCode(boolean accept) {
        return Optional.ofNullable(accept ? acceptCode : rejectCode);
    }

    public boolean isWithdrawal() {
        return this == WITHDRAW_ALL || this == WITHDRAW_ASSESSMENT;
    }

    public static Optional<NoticeType> fromCode(String code) {
        for (NoticeType t : values()) {
            if (t.code.equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
