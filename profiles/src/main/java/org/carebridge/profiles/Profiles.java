package org.carebridge.profiles;

/**
 * The CareBridge profile and extension URLs as constants, for code that wants a compile-time name
 * ({@code Profiles.ORDER_FOR_CARE}) rather than {@code Canonical.profile("OrderForCare")}. Both spell the same URL.
 */
public final class Profiles {
    private Profiles() {}

    public static final String PERSON = Canonical.profile("Person");
    public static final String PROVIDER = Canonical.profile("Provider");
    public static final String CARE_MANAGER = Canonical.profile("CareManager");
    public static final String CARE_WORKER = Canonical.profile("CareWorker");
    public static final String CARE_AND_SUPPORT_PLAN = Canonical.profile("CareAndSupportPlan");
    public static final String ORDER_FOR_CARE = Canonical.profile("OrderForCare");
    public static final String REFERRAL = Canonical.profile("Referral");
    public static final String PLANNED_VISIT = Canonical.profile("PlannedVisit");
    public static final String ACTUAL_VISIT = Canonical.profile("ActualVisit");
    public static final String OFFER = Canonical.profile("Offer");
    public static final String ALERT = Canonical.profile("Alert");
    public static final String SHARING_CONSENT = Canonical.profile("SharingConsent");
    public static final String CONTRACT_KPI = Canonical.profile("ContractKpi");
    public static final String RESTRICTED_PERSON_FLAG = Canonical.profile("RestrictedPersonFlag");

    /** Extension URLs. Complex ones name their parts in the javadoc. */
    public static final class Ext {
        private Ext() {}

        public static final String TIME_CRITICAL = Canonical.extension("TimeCritical");
        public static final String WORKERS_REQUIRED = Canonical.extension("WorkersRequired");
        public static final String MAXIMUM_WEEKLY_HOURS = Canonical.extension("MaximumWeeklyHours");
        /** Parts: {@code unit} (CodeableConcept, UnitOfPurchase), {@code unitsPerOccasion}, {@code occasionsPerWeek} (decimal). */
        public static final String UNITS_AND_FREQUENCY = Canonical.extension("UnitsAndFrequency");
        public static final String SUPPORT_LEVEL = Canonical.extension("SupportLevel");
        public static final String RURALITY_CLASS = Canonical.extension("RuralityClass");
        public static final String CHECK_IN_METHOD = Canonical.extension("CheckInMethod");
        public static final String MANUAL_ENTRY_REASON = Canonical.extension("ManualEntryReason");
        /** Parts: {@code payable} (boolean), {@code reason} (CodeableConcept, PayableReason). */
        public static final String PAYABLE = Canonical.extension("Payable");
        public static final String LOCATION_VERIFIED = Canonical.extension("LocationVerified");
        public static final String ORDER_STATUS = Canonical.extension("OrderStatus");
        public static final String REQUEST_URGENCY = Canonical.extension("RequestUrgency");
        public static final String RESPONSE_BAND = Canonical.extension("ResponseBand");
        public static final String VISIT_EXCEPTION = Canonical.extension("VisitException");
        public static final String CLIENT_GROUP = Canonical.extension("ClientGroup");
        public static final String NIGHT_SUPPORT = Canonical.extension("NightSupport");
        /** Parts: {@code dayOfWeek} (code, repeats), {@code time} (time), {@code duration} (Duration); may nest WORKERS_REQUIRED and TIME_CRITICAL. */
        public static final String PLANNED_CALL = Canonical.extension("PlannedCall");
        public static final String MENTAL_CAPACITY = Canonical.extension("MentalCapacity");
        public static final String COMMUNICATION_NEEDS = Canonical.extension("CommunicationNeeds");
        /** Care Act notice facts on the focus Encounter (boolean). */
        public static final String PATIENT_CONSULTED = Canonical.extension("PatientConsulted");
        public static final String CONTINUING_HEALTHCARE_CONSIDERED = Canonical.extension("ContinuingHealthcareConsidered");
        /** Free text on the MessageHeader of a rejected notice's answer; repeats. */
        public static final String NOTICE_REJECT_REASON = Canonical.extension("NoticeRejectReason");
    }
}
