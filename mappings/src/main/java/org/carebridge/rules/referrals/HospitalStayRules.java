package org.carebridge.rules.referrals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hospital admissions and discharges of people with care at home, as pure steps.
 *
 * <ul>
 *   <li>A01 of a person with an active order: the council and each provider are told (H:3699-3701; the provider
 *   keeps attending planned visits for 48 hours).</li>
 *   <li>More than 48 hours in hospital: each active order is suspended from admission + 48 h and its visits from then
 *   cancelled (H:3703-3705). {@link #tick} applies this when the clock passes the mark.</li>
 *   <li>A03 of a known client: the provider is asked to restart (K:1575, K:1570-1600); a suspended order is
 *   reinstated from the discharge; the council is told.</li>
 *   <li>A11 undoes the A01 (and any suspension it caused); A13 undoes the A03 (the person is in hospital again and
 *   the 48-hour rule applies from the original admission).</li>
 * </ul>
 */
public final class HospitalStayRules {
    private final Duration suspendAfter;

    public HospitalStayRules(Duration suspendAfter) {
        this.suspendAfter = suspendAfter;
    }

    /** H&F's 48 hours (H:3703-3705). */
    public static HospitalStayRules standard() {
        return new HospitalStayRules(Duration.ofHours(48));
    }

    /** An order for care at home that a stay affects. */
    public record ActiveOrder(String orderId, String providerId) {}

    public record Step(HospitalStay stay, List<StayAction> actions) {}

    public Step admit(String nhsNumber, Instant admittedAt, List<ActiveOrder> orders, Instant now) {
        HospitalStay stay = new HospitalStay(nhsNumber, HospitalStay.Status.IN_HOSPITAL, admittedAt, null, false);
        List<StayAction> actions = new ArrayList<>(notifyAll(orders, StayAction.Notice.ADMITTED, admittedAt));
        // An admission reported late may already be past the mark.
        Step later = tick(stay, orders, now);
        actions.addAll(later.actions());
        return new Step(later.stay(), actions);
    }

    /** The passing of time: suspends once the stay is longer than the limit. Idempotent. */
    public Step tick(HospitalStay stay, List<ActiveOrder> orders, Instant now) {
        if (stay == null || stay.status() != HospitalStay.Status.IN_HOSPITAL || stay.suspended()) {
            return new Step(stay, List.of());
        }
        Instant mark = stay.admittedAt().plus(suspendAfter);
        if (!now.isAfter(mark)) {
            return new Step(stay, List.of());
        }
        List<StayAction> actions = new ArrayList<>();
        for (ActiveOrder o : orders) {
            actions.add(new StayAction.SuspendOrder(o.orderId(), mark));
        }
        actions.addAll(notifyAll(orders, StayAction.Notice.SUSPENDED, mark));
        return new Step(new HospitalStay(stay.nhsNumber(), stay.status(), stay.admittedAt(), null, !orders.isEmpty()), actions);
    }

    public Step discharge(HospitalStay stay, Instant dischargedAt, List<ActiveOrder> orders) {
        if (stay == null || stay.status() != HospitalStay.Status.IN_HOSPITAL) {
            // A discharge without a known admission still tells the provider of a known client to restart.
            HospitalStay s = new HospitalStay(null, HospitalStay.Status.DISCHARGED, null, dischargedAt, false);
            return new Step(s, notifyAll(orders, StayAction.Notice.RESTART, dischargedAt));
        }
        List<StayAction> actions = new ArrayList<>();
        if (stay.suspended()) {
            for (ActiveOrder o : orders) {
                actions.add(new StayAction.ReinstateOrder(o.orderId(), dischargedAt));
            }
        }
        actions.addAll(notifyAll(orders, StayAction.Notice.RESTART, dischargedAt));
        return new Step(new HospitalStay(stay.nhsNumber(), HospitalStay.Status.DISCHARGED, stay.admittedAt(), dischargedAt,
                false), actions);
    }

    /** A11: the admission is void; a suspension it caused is undone from its start. */
    public Step cancelAdmit(HospitalStay stay, List<ActiveOrder> orders, Instant at) {
        if (stay == null || stay.status() != HospitalStay.Status.IN_HOSPITAL) {
            return new Step(stay, List.of());
        }
        List<StayAction> actions = new ArrayList<>();
        if (stay.suspended()) {
            for (ActiveOrder o : orders) {
                actions.add(new StayAction.ReinstateOrder(o.orderId(), stay.admittedAt().plus(suspendAfter)));
            }
        }
        actions.addAll(notifyAll(orders, StayAction.Notice.ADMISSION_CANCELLED, at));
        return new Step(new HospitalStay(stay.nhsNumber(), HospitalStay.Status.ADMISSION_CANCELLED, stay.admittedAt(), null,
                false), actions);
    }

    /** A13: the person is in hospital after all; the restart is called off and the 48-hour rule applies again. */
    public Step cancelDischarge(HospitalStay stay, List<ActiveOrder> orders, Instant now) {
        if (stay == null || stay.status() != HospitalStay.Status.DISCHARGED || stay.admittedAt() == null) {
            return new Step(stay, List.of());
        }
        HospitalStay back = new HospitalStay(stay.nhsNumber(), HospitalStay.Status.IN_HOSPITAL, stay.admittedAt(), null, false);
        List<StayAction> actions = new ArrayList<>(notifyAll(orders, StayAction.Notice.DISCHARGE_CANCELLED, now));
        Step later = tick(back, orders, now);
        actions.addAll(later.actions());
        return new Step(later.stay(), actions);
    }

    private static List<StayAction> notifyAll(List<ActiveOrder> orders, StayAction.Notice notice, Instant at) {
        List<StayAction> out = new ArrayList<>();
        if (orders.isEmpty()) {
            return out;
        }
        out.add(new StayAction.Notify(StayAction.Recipient.COUNCIL, null, null, notice, at));
        for (ActiveOrder o : orders) {
            out.add(new StayAction.Notify(StayAction.Recipient.PROVIDER, o.providerId(), o.orderId(), notice, at));
        }
        return out;
    }
}
