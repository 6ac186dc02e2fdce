package org.carebridge.rules.referrals;

import java.time.Instant;

/** What the gateway must do after an ADT event or the passing of time; notifications are outbound events. */
public sealed interface StayAction {

    enum Recipient { COUNCIL, PROVIDER }

    enum Notice {
        /** The person was admitted (H:3699: council and provider are told). */
        ADMITTED,
        /** 48 hours in hospital: the package is suspended (H:3703-3705). */
        SUSPENDED,
        /** Discharged: the provider restarts the package of a known client (K:1575). */
        RESTART,
        /** A11: the admission did not happen. */
        ADMISSION_CANCELLED,
        /** A13: the discharge did not happen; do not restart. */
        DISCHARGE_CANCELLED
    }

    record Notify(Recipient recipient, String providerId, String orderId, Notice notice, Instant at) implements StayAction {}

    /** Suspend the order from {@code from}, cancelling its visits planned from then on. */
    record SuspendOrder(String orderId, Instant from) implements StayAction {}

    /** Undo a suspension (A11) or end it (restart after discharge): visits from {@code from} are planned again. */
    record ReinstateOrder(String orderId, Instant from) implements StayAction {}
}
