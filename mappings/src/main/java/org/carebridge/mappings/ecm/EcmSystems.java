package org.carebridge.mappings.ecm;

import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.Profiles;
import org.carebridge.profiles.terminology.NotificationReason;
import org.carebridge.profiles.terminology.PayableReason;
import org.carebridge.profiles.terminology.VisitException;

/**
 * The names the ECM mapping uses, as aliases of what the profiles module publishes ({@link Profiles},
 * {@link Canonical}, the terminology enums). Kept so existing code that names these constants keeps compiling.
 */
public final class EcmSystems {
    private EcmSystems() {}

    // Extensions (StructureDefinitions Extension-CareBridge-*).
    /** valueCode (app, telephony, manual) as providers send it, or a CodeableConcept. */
    public static final String EXT_CHECK_IN_METHOD = Profiles.Ext.CHECK_IN_METHOD;
    /** valueString (the provider's free text), or a CodeableConcept from ManualEntryReason. */
    public static final String EXT_MANUAL_ENTRY_REASON = Profiles.Ext.MANUAL_ENTRY_REASON;
    public static final String EXT_LOCATION_VERIFIED = Profiles.Ext.LOCATION_VERIFIED;
    /** Complex: "payable" (boolean) and one or more "reason" (Coding from PayableReason). */
    public static final String EXT_PAYABLE = Profiles.Ext.PAYABLE;
    /** CodeableConcept from VisitException; text carries the numbers behind it. */
    public static final String EXT_VISIT_EXCEPTION = Profiles.Ext.VISIT_EXCEPTION;
    public static final String EXT_TIME_CRITICAL = Profiles.Ext.TIME_CRITICAL;
    public static final String EXT_WORKERS_REQUIRED = Profiles.Ext.WORKERS_REQUIRED;

    // Code systems.
    public static final String CS_VISIT_EXCEPTION = VisitException.SYSTEM;
    public static final String CS_PAYABLE_REASON = PayableReason.SYSTEM;
    public static final String CS_NOTIFICATION_REASON = NotificationReason.SYSTEM;

    // Profiles.
    public static final String PROFILE_PLANNED_VISIT = Profiles.PLANNED_VISIT;
    public static final String PROFILE_ACTUAL_VISIT = Profiles.ACTUAL_VISIT;
    public static final String PROFILE_ALERT = Profiles.ALERT;

    /** Providers are identified by their CQC location id (assumption: the feed's provider id is that id). */
    public static final String PROVIDER = Canonical.CQC_LOCATION;
    /** The council a Task is for: its tenant id. */
    public static final String TENANT = Canonical.BASE + "/Id/tenant";
    /** Task.identifier: the notification key, unique per tenant, visit and reason. */
    public static final String ALERT_KEY = Canonical.BASE + "/Id/alert-key";
}
