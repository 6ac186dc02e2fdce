package org.carebridge.mappings.discharge.notice;

import org.carebridge.profiles.Profiles;

/**
 * How a notice's Schedule 3 facts travel in FHIR where no national element exists: boolean extensions on the
 * focus Encounter. Aliases of the published extensions in {@link Profiles.Ext}.
 */
public final class NoticeExtensions {
    private NoticeExtensions() {}

    public static final String PATIENT_CONSULTED = Profiles.Ext.PATIENT_CONSULTED;
    public static final String CHC_CONSIDERED = Profiles.Ext.CONTINUING_HEALTHCARE_CONSIDERED;
    /** Reason for rejecting a notice (free text) on the answer's MessageHeader. */
    public static final String REJECT_REASON = Profiles.Ext.NOTICE_REJECT_REASON;
}
