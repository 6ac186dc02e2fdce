package org.carebridge.rules.referrals;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carebridge.rules.referrals.HospitalStayRules.ActiveOrder;
import org.carebridge.rules.referrals.StayAction.Notice;
import org.carebridge.rules.referrals.StayAction.Notify;
import org.carebridge.rules.referrals.StayAction.Recipient;
import org.junit.jupiter.api.Test;

class HospitalStayRulesTest {
    private static final Instant ADMIT = Instant.parse("2026-01-05T08:00:00Z");
    private static final Instant MARK = ADMIT.plus(Duration.ofHours(48));
    private static final List<ActiveOrder> ORDERS = List.of(new ActiveOrder("SDO-1", "P1"));
    private static final String NHS = "9434765919";
    private final HospitalStayRules rules = HospitalStayRules.standard();

    @Test
    void anAdmissionOfAPersonWithAnActiveOrderNotifiesCouncilAndProvider() {
        HospitalStayRules.Step s = rules.admit(NHS, ADMIT, ORDERS, ADMIT.plusSeconds(60));
        assertEquals(HospitalStay.Status.IN_HOSPITAL, s.stay().status());
        assertEquals(List.of(new Notify(Recipient.COUNCIL, null, null, Notice.ADMITTED, ADMIT),
                new Notify(Recipient.PROVIDER, "P1", "SDO-1", Notice.ADMITTED, ADMIT)), s.actions());
    }

    @Test
    void anAdmissionOfAPersonWithoutOrdersNotifiesNobody() {
        assertEquals(List.of(), rules.admit(NHS, ADMIT, List.of(), ADMIT).actions());
    }

    @Test
    void after48HoursTheOrderIsSuspendedOnceAndNotAtTheMarkItself() {
        HospitalStay stay = rules.admit(NHS, ADMIT, ORDERS, ADMIT).stay();

        assertEquals(List.of(), rules.tick(stay, ORDERS, MARK).actions(), "exactly 48 h is not more than 48 h");
        HospitalStayRules.Step s = rules.tick(stay, ORDERS, MARK.plusSeconds(1));
        assertEquals(List.of(new StayAction.SuspendOrder("SDO-1", MARK),
                new Notify(Recipient.COUNCIL, null, null, Notice.SUSPENDED, MARK),
                new Notify(Recipient.PROVIDER, "P1", "SDO-1", Notice.SUSPENDED, MARK)), s.actions());
        assertTrue(s.stay().suspended());
        assertEquals(List.of(), rules.tick(s.stay(), ORDERS, MARK.plus(Duration.ofDays(1))).actions(), "suspended once");
    }

    @Test
    void anAdmissionReportedLateSuspendsAtOnce() {
        HospitalStayRules.Step s = rules.admit(NHS, ADMIT, ORDERS, MARK.plus(Duration.ofHours(5)));
        assertTrue(s.actions().contains(new StayAction.SuspendOrder("SDO-1", MARK)));
    }

    @Test
    void aDischargeAfterSuspensionReinstatesAndAsksTheProviderToRestart() {
        HospitalStay suspended = rules.tick(rules.admit(NHS, ADMIT, ORDERS, ADMIT).stay(), ORDERS, MARK.plusSeconds(1)).stay();
        Instant out = MARK.plus(Duration.ofDays(2));
        HospitalStayRules.Step s = rules.discharge(suspended, out, ORDERS);
        assertEquals(HospitalStay.Status.DISCHARGED, s.stay().status());
        assertEquals(List.of(new StayAction.ReinstateOrder("SDO-1", out),
                new Notify(Recipient.COUNCIL, null, null, Notice.RESTART, out),
                new Notify(Recipient.PROVIDER, "P1", "SDO-1", Notice.RESTART, out)), s.actions());
    }

    @Test
    void aDischargeWithin48HoursOnlyNotifiesTheRestart() {
        HospitalStay stay = rules.admit(NHS, ADMIT, ORDERS, ADMIT).stay();
        HospitalStayRules.Step s = rules.discharge(stay, ADMIT.plus(Duration.ofHours(20)), ORDERS);
        assertTrue(s.actions().stream().noneMatch(a -> a instanceof StayAction.ReinstateOrder));
        assertTrue(s.actions().contains(new Notify(Recipient.PROVIDER, "P1", "SDO-1", Notice.RESTART, ADMIT.plus(Duration.ofHours(20)))));
    }

    @Test
    void cancelAdmitUndoesTheSuspension() {
        HospitalStay suspended = rules.tick(rules.admit(NHS, ADMIT, ORDERS, ADMIT).stay(), ORDERS, MARK.plusSeconds(1)).stay();
        HospitalStayRules.Step s = rules.cancelAdmit(suspended, ORDERS, MARK.plusSeconds(100));
        assertEquals(HospitalStay.Status.ADMISSION_CANCELLED, s.stay().status());
        assertTrue(s.actions().contains(new StayAction.ReinstateOrder("SDO-1", MARK)));
        assertTrue(s.actions().contains(new Notify(Recipient.PROVIDER, "P1", "SDO-1", Notice.ADMISSION_CANCELLED, MARK.plusSeconds(100))));
        assertEquals(List.of(), rules.tick(s.stay(), ORDERS, MARK.plus(Duration.ofDays(3))).actions());
    }

    @Test
    void cancelDischargePutsThePersonBackInHospitalAndThe48HourRuleAppliesAgain() {
        HospitalStay stay = rules.admit(NHS, ADMIT, ORDERS, ADMIT).stay();
        HospitalStay out = rules.discharge(stay, ADMIT.plus(Duration.ofHours(20)), ORDERS).stay();

        HospitalStayRules.Step s = rules.cancelDischarge(out, ORDERS, ADMIT.plus(Duration.ofHours(21)));
        assertEquals(HospitalStay.Status.IN_HOSPITAL, s.stay().status());
        assertEquals(List.of(new Notify(Recipient.COUNCIL, null, null, Notice.DISCHARGE_CANCELLED, ADMIT.plus(Duration.ofHours(21))),
                new Notify(Recipient.PROVIDER, "P1", "SDO-1", Notice.DISCHARGE_CANCELLED, ADMIT.plus(Duration.ofHours(21)))), s.actions());
        assertTrue(rules.tick(s.stay(), ORDERS, MARK.plusSeconds(1)).actions().contains(new StayAction.SuspendOrder("SDO-1", MARK)));
    }
}
