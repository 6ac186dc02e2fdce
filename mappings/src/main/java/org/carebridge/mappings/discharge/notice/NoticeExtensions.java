package org.carebridge.mappings.discharge.notice;

import org.carebridge.profiles.Canonical;

/**
 * How a notice's Schedule 3 facts travel in FHIR where no national element exists: boolean extensions on the
 * focus Encounter. Kept here (not in Canonical) so the profiles helper can adopt them later.
 */
public final class NoticeExtensions {
    private NoticeExtensions() {}

    public static final String PATIENT_CONSULTED = Canonical.extension("PatientConsulted");
    public static final String CHC_CONSIDERED = Canonical.extension("ContinuingHealthcareConsidered");
    /** Reason for rejecting a notice (free text) on the answer's MessageHeader. */
    public static final String REJECT_REASON = Canonical.extension("NoticeRejectReason");
}
