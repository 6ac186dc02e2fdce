package org.carebridge.rules.visits;

import java.util.Set;

/**
 * Codes of CodeSystem CareBridge-NotificationReason that the engine and the shipped rule packs use (K:2315-2342,
 * H:532, H:859, H:3699). A pack may name others; these are the ones the CodeSystem must define.
 */
public final class NotificationReasons {
    private NotificationReasons() {}

    public static final String MISSED_VISIT = "missed-visit";
    public static final String LATE_VISIT = "late-visit";
    public static final String NO_RESPONSE = "no-response";
    public static final String REFUSAL = "refusal";
    public static final String REPEATED_REFUSAL = "repeated-refusal";
    public static final String HOSPITAL_ADMISSION = "hospital-admission";
    public static final String PACKAGE_SUSPENSION_DUE = HospitalStay.SUSPENSION_DUE;

    public static final Set<String> KNOWN = Set.of(MISSED_VISIT, LATE_VISIT, NO_RESPONSE, REFUSAL, REPEATED_REFUSAL,
            HOSPITAL_ADMISSION, PACKAGE_SUSPENSION_DUE);
}
