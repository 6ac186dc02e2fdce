package org.carebridge.profiles.terminology;

import java.util.List;

/** Every CareBridge code system, with the title and description its CodeSystem resource carries. */
public final class Terminology {
    private Terminology() {}

    public record System(Class<? extends CareBridgeCode> type, String title, String description) {
        public String name() { return type.getSimpleName(); }
        public List<? extends CareBridgeCode> codes() { return List.of(type.getEnumConstants()); }
    }

    public static final List<System> ALL = List.of(
            new System(ServiceLine.class, "Service line", "The commissioned service an order is for (Kent K:49-101; H&F home care and independent living)."),
            new System(SupportLevel.class, "Support level", "Standard or Complex care and support (K:1498-1515)."),
            new System(ClientGroup.class, "Client group", "Groups of adults the service supports (K:10-14, H:370-394)."),
            new System(OrderStatus.class, "Order status", "Business status of an order for care (K:628, K:2346, K:2993)."),
            new System(OrderKind.class, "Order kind", "The document that commissions care (K:591, K:711, H:3295)."),
            new System(VisitException.class, "Visit exception", "Ways a visit departs from plan (K:1721-1724, K:2327, H:3103, H:532)."),
            new System(NotificationReason.class, "Notification reason", "Events the council must be told of immediately (K:2315-2342, K:1873)."),
            new System(RequestUrgency.class, "Request urgency", "Urgency grades for a request for service (H:3085-3095)."),
            new System(ResponseBand.class, "Response band", "How quickly a provider must say whether it accepts a package, by start date (H:794-804)."),
            new System(NightSupport.class, "Night support", "Kind of night service (K:880-887)."),
            new System(UnitOfPurchase.class, "Unit of purchase", "Units in which care is purchased and paid (K:664-677, K:887, H:3293)."),
            new System(RuralityClass.class, "Rurality class", "Rurality index of the person's postcode (K:694-711)."),
            new System(ReviewType.class, "Review type", "Care and support plan reviews (K:1636-1642, H:1491-1503)."),
            new System(CheckInMethod.class, "Check-in method", "How a visit was recorded (H:3264-3266)."),
            new System(ManualEntryReason.class, "Manual entry reason", "Why a visit was entered manually. Councils publish their own lists; these are the common ones."),
            new System(PayableReason.class, "Payable reason", "Why a visit is or is not payable (H:3275-3308, K:721-724)."),
            new System(TaskType.class, "Task type", "Kinds of Task the gateway emits."),
            new System(Kpi.class, "Contract KPI", "Contract monitoring KPIs computable from gateway data (H:2697-3142, K:424-486)."),
            new System(RestrictedFlagType.class, "Restricted flag type", "Flags that restrict what travels with a person's record (H:3765-3770, K:2161-2163)."),
            new System(ReferralAlert.class, "Referral alert", "Referral clocks missed, raised to brokerage (H:794-804)."),
            new System(MentalCapacity.class, "Mental capacity", "Mental capacity as recorded by the council (Mental Capacity Act 2005)."),
            new System(OutcomeType.class, "Outcome type", "Kinds of outcome in a care and support plan (Care Act 2014 s.25)."),
            new System(NeedStatus.class, "Need status", "Whether an eligible need is met by the plan."),
            new System(RepresentativeAuthority.class, "Representative authority", "The authority a representative holds."),
            new System(SharingScope.class, "Sharing scope", "Whom a sharing objection covers."));
}
