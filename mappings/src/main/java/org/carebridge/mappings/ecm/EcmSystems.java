package org.carebridge.mappings.ecm;

import org.carebridge.profiles.Canonical;

/**
 * Names the ECM mapping needs beyond {@link Canonical}. Kept here rather than in Canonical so the profiles owner
 * can adopt them when the matching StructureDefinitions and CodeSystems are written.
 */
public final class EcmSystems {
    private EcmSystems() {}

    // Extensions (StructureDefinitions Extension-CareBridge-*).
    public static final String EXT_CHECK_IN_METHOD = Canonical.extension("CheckInMethod");
    public static final String EXT_MANUAL_ENTRY_REASON = Canonical.extension("ManualEntryReason");
    public static final String EXT_LOCATION_VERIFIED = Canonical.extension("LocationVerified");
    /** Complex: "payable" (boolean) and one or more "reason" (Coding from PayableReason). */
    public static final String EXT_PAYABLE = Canonical.extension("Payable");
    /** CodeableConcept from VisitException; text carries the numbers behind it. */
    public static final String EXT_VISIT_EXCEPTION = Canonical.extension("VisitException");
    public static final String EXT_TIME_CRITICAL = Canonical.extension("TimeCritical");
    public static final String EXT_WORKERS_REQUIRED = Canonical.extension("WorkersRequired");

    // Code systems.
    public static final String CS_VISIT_EXCEPTION = Canonical.codeSystem("VisitException");
    public static final String CS_PAYABLE_REASON = Canonical.codeSystem("PayableReason");
    public static final String CS_NOTIFICATION_REASON = Canonical.codeSystem("NotificationReason");

    // Profiles.
    public static final String PROFILE_PLANNED_VISIT = Canonical.profile("PlannedVisit");
    public static final String PROFILE_ACTUAL_VISIT = Canonical.profile("ActualVisit");
    public static final String PROFILE_ALERT = Canonical.profile("Alert");

    /** Providers are identified by their CQC location id (assumption: the feed's provider id is that id). */
    public static final String PROVIDER = Canonical.CQC_LOCATION;
    /** The council a Task is for: its tenant id. */
    public static final String TENANT = Canonical.BASE + "/Id/tenant";
    /** Task.identifier: the notification key, unique per tenant, visit and reason. */
    public static final String ALERT_KEY = Canonical.BASE + "/Id/alert-key";
}
