package org.carebridge.rules.visits;

import static org.carebridge.rules.visits.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisitJudgeTest {

    private static final Instant LATER = at(24 * 60 * 3);

    /** A one-worker visit planned for 30 min, checked in at the offset and out 30 min later. */
    @ParameterizedTest(name = "{0} time-critical={1}: check-in at {2} min -> {3}")
    @CsvSource({
            // Kent K:1721: 45 minutes or more later or earlier is late/early; K:1724: more than 2 h is missed
            "kent, false,    0, none",
            "kent, false,   44, none",
            "kent, false,   45, late",
            "kent, false,  -44, none",
            "kent, false,  -45, early",
            "kent, true,    50, late",
            "kent, false,  120, late",
            "kent, false,  121, missed",
            // H&F H:3103 / H:3282: time-critical +/- 15 min; other visits have no tolerance in the feed
            "lbhf, true,    0, none",
            "lbhf, true,   15, none",
            "lbhf, true,   16, late",
            "lbhf, true,  -15, none",
            "lbhf, true,  -16, early",
            "lbhf, false,  25, none",
            "lbhf, false, -40, none",
            // H&F missed (assumption): not started by the planned end
            "lbhf, false,  30, none",
            "lbhf, false,  31, missed",
    })
    void punctualityAndLateStart(String tenant, boolean timeCritical, int arrival, String expected) {
        PlannedVisit v = visit(tenant, 30, timeCritical, 1);
        VisitJudgement j = VisitJudge.judge(v, list(in("w1", arrival), out("w1", arrival + 30)), pack(tenant), LATER);
        assertEquals(AppointmentStatus.FULFILLED, j.status());
        assertEquals(expected.equals("none") ? List.of() : List.of(expected), codes(j));
        assertTrue(j.payable(), "care was delivered: " + j.payableReasons());
    }

    @ParameterizedTest(name = "{0}: no check-in, judged at {1} min -> {2}")
    @CsvSource({
            "kent, -10, booked",
            "kent, 119, booked",
            "kent, 120, booked",
            "kent, 120.5, noshow",
            "kent, 121, noshow",
            "lbhf, 30, booked",
            "lbhf, 31, noshow",
    })
    void missedWithoutCheckIn(String tenant, double now, String status) {
        RulePack pack = pack(tenant);
        PlannedVisit v = visit(tenant, 30, false, 1);
        VisitJudgement j = VisitJudge.judge(v, List.of(), pack, at(now));
        assertEquals(status, j.status().code());
        assertFalse(j.payable());
        if (status.equals("noshow")) {
            assertEquals(List.of("missed"), codes(j));
            assertEquals(List.of(PayableReason.NOT_DELIVERED), j.payableReasons());
            Notification n = j.notification("missed-visit").orElseThrow();
            assertEquals(MissedThreshold.missedAt(v, pack), n.at());
            assertEquals(tenant + "/V1/missed-visit", n.key());
        } else {
            assertEquals(List.of(PayableReason.PENDING), j.payableReasons());
            assertTrue(j.notifications().isEmpty());
        }
    }

    @ParameterizedTest(name = "{0}: missedAt = start + {1} min")
    @CsvSource({"kent, 120", "lbhf, 30"})
    void missedAtDrivesTheScheduler(String tenant, int minutes) {
        PlannedVisit v = visit(tenant, 30, false, 1);
        Instant missedAt = MissedThreshold.missedAt(v, pack(tenant));
        assertEquals(at(minutes), missedAt.minusNanos(1), "more than the limit: the instant just after it");
        assertEquals(AppointmentStatus.BOOKED, VisitJudge.judge(v, List.of(), pack(tenant), missedAt.minusNanos(1)).status());
        assertEquals(AppointmentStatus.NOSHOW, VisitJudge.judge(v, List.of(), pack(tenant), missedAt).status());
    }

    @ParameterizedTest(name = "{0}: second worker at {1} min (null: never) -> {2}")
    @CsvSource({
            "lbhf,  0, none",
            "lbhf, 15, none",
            "lbhf, 16, double-up-late",
            "lbhf,   , double-up-late",
            // Kent K:939 sets no minutes: the first worker waits; only a missing second worker is flagged
            "kent, 40, none",
            "kent,   , double-up-late",
    })
    void doubleUpArrival(String tenant, Integer second, String expected) {
        PlannedVisit v = visit(tenant, 45, false, 2);
        List<VisitEvent> es = list(in("w1", 0), out("w1", 45));
        if (second != null) {
            es.add(in("w2", second));
            es.add(out("w2", 45));
        }
        VisitJudgement j = VisitJudge.judge(v, es, pack(tenant), LATER);
        assertEquals(expected.equals("none") ? List.of() : List.of(expected), codes(j));
        assertEquals(second == null ? 1 : 2, j.workers().size());
    }

    @Test
    void doubleUpLateIsKnownWhileTheVisitRuns() {
        PlannedVisit v = visit("lbhf", 45, false, 2);
        List<VisitEvent> es = list(in("w1", 0));
        assertEquals(List.of(), codes(VisitJudge.judge(v, es, pack("lbhf"), at(15))));
        VisitJudgement j = VisitJudge.judge(v, es, pack("lbhf"), at(16));
        assertEquals(AppointmentStatus.ARRIVED, j.status());
        assertEquals(List.of("double-up-late"), codes(j));
    }

    @ParameterizedTest(name = "{0}: planned {1} min, lasted {2} min -> {3}")
    @CsvSource({
            "lbhf, 30, 15, short-visit",
            "lbhf, 30, 10, short-visit",
            "lbhf, 30, 16, none",
            "lbhf, 15, 15, none",     // H:730: a planned check call (safety / medication) is exempt
            "kent, 30, 10, none",     // Kent has no short-visit rule
    })
    void shortVisits(String tenant, int planned, int lasted, String expected) {
        PlannedVisit v = visit(tenant, planned, false, 1);
        VisitJudgement j = VisitJudge.judge(v, list(in("w1", 0), out("w1", lasted)), pack(tenant), LATER);
        assertEquals(expected.equals("none") ? List.of() : List.of(expected), codes(j));
        assertTrue(j.payable());
    }

    @ParameterizedTest(name = "{0}: manual check-in entered {1} h later -> payable {2}")
    @CsvSource({
            "lbhf, 23, true",
            "lbhf, 24, true",
            "lbhf, 25, false",
            "kent, 23, true",
            "kent, 25, true",         // Kent sets no deadline
    })
    void manualEntryDeadline(String tenant, int hours, boolean payable) {
        PlannedVisit v = visit(tenant, 30, false, 1);
        VisitJudgement j = VisitJudge.judge(v,
                list(manual(EventKind.CHECK_IN, "w1", 0, Duration.ofHours(hours)), out("w1", 30)), pack(tenant), LATER);
        assertEquals(payable, j.payable(), j.payableReasons().toString());
        assertEquals(CheckInMethod.MANUAL, j.method());
        assertFalse(j.verification().electronic());
        assertEquals(List.of("phone-failure"), j.verification().manualReasons());
        if (!payable) {
            assertEquals(List.of("manual-entry-late"), codes(j));
            assertEquals(List.of(PayableReason.MANUAL_ENTRY_LATE), j.payableReasons());
        }
    }

    /** Six visits on consecutive days; "R" refused, "D" delivered. Kent notifies on the 3rd in a row, H&F each. */
    @ParameterizedTest(name = "{0}: {1} -> notified on visits {2}")
    @CsvSource({
            "kent, RRR,    3",
            "kent, RRD,    ''",
            "kent, RRDRRR, 6",
            "kent, RRRRRR, 3 6",
            "lbhf, RDR,    1 3",
            "lbhf, RR,     1 2",
    })
    void consecutiveRefusals(String tenant, String pattern, String notifiedOn) {
        RulePack pack = pack(tenant);
        List<VisitJudgement> history = new ArrayList<>();
        List<String> notified = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            Instant start = START.plus(Duration.ofDays(i));
            PlannedVisit v = visit(tenant, "V" + (i + 1), start, 30, false, 1);
            List<VisitEvent> es = pattern.charAt(i) == 'R'
                    ? List.of(refusal("w1", start.plusSeconds(60), "does not want a wash today"))
                    : List.of(in("w1", i * 1440), out("w1", i * 1440 + 30));
            VisitJudgement j = VisitJudge.judge(v, es, pack, LATER.plus(Duration.ofDays(7)),
                    Refusals.trailingRefusals(history));
            history.add(j);
            String reason = tenant.equals("kent") ? "repeated-refusal" : "refusal";
            if (j.notification(reason).isPresent()) {
                notified.add(String.valueOf(i + 1));
            }
            if (pattern.charAt(i) == 'R') {
                assertEquals(AppointmentStatus.CANCELLED, j.status());
                assertEquals(List.of("refused"), codes(j));
                assertFalse(j.payable());
                assertEquals("does not want a wash today", j.outcomeReason());
            }
        }
        assertEquals(notifiedOn.isBlank() ? List.of() : List.of(notifiedOn.split(" ")), notified);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "kent, NO_REPLY,           noshow,    no-response, no-response",
            "lbhf, NO_REPLY,           noshow,    no-response, no-response",
            "kent, PERSON_IN_HOSPITAL, cancelled, void,        hospital-admission",
            "lbhf, PERSON_IN_HOSPITAL, cancelled, void,        hospital-admission",
    })
    void attendanceOutcomes(String tenant, EventKind kind, String status, String exception, String notification) {
        PlannedVisit v = visit(tenant, 30, false, 1);
        VisitJudgement j = VisitJudge.judge(v, list(event(kind, "w1", 2)), pack(tenant), LATER);
        assertEquals(status, j.status().code());
        assertEquals(List.of(exception), codes(j));
        assertFalse(j.payable());
        assertTrue(j.notification(notification).isPresent(), j.notifications().toString());
        assertEquals(kind, j.outcome());
    }

    @ParameterizedTest(name = "{0} at {1} min, check-in at 5 min -> {2}")
    @CsvSource({
            "NO_REPLY,    0, fulfilled",   // no answer at first, let in on a second knock
            "NO_REPLY,   10, noshow",
            "REFUSAL,    10, cancelled",   // checked in, then the person refused
    })
    void aCheckInAfterAnOutcomeMeansCareWasDelivered(EventKind kind, int outcomeAt, String status) {
        PlannedVisit v = visit("kent", 30, false, 1);
        VisitJudgement j = VisitJudge.judge(v, list(event(kind, "w1", outcomeAt), in("w1", 5), out("w1", 35)),
                pack("kent"), LATER);
        assertEquals(status, j.status().code());
        assertEquals(status.equals("fulfilled"), j.payable());
    }

    @Test
    void duplicatesAndArrivalOrderChangeNothing() {
        PlannedVisit v = visit("lbhf", 45, true, 2);
        List<VisitEvent> es = list(in("w1", 20), in("w2", 40), out("w1", 50), out("w2", 52));
        VisitJudgement expected = VisitJudge.judge(v, es, pack("lbhf"), LATER);
        assertEquals(List.of("late", "double-up-late"), codes(expected));
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<VisitEvent> shuffled = new ArrayList<>(es);
            shuffled.addAll(es.subList(0, 1 + random.nextInt(es.size() - 1))); // replayed events
            Collections.shuffle(shuffled, random);
            VisitJudgement j = VisitJudge.judge(v, shuffled, pack("lbhf"), LATER);
            assertEquals(expected.status(), j.status());
            assertEquals(expected.workers().stream().map(WorkerPeriod::worker).sorted().toList(),
                    j.workers().stream().map(WorkerPeriod::worker).sorted().toList());
            assertEquals(expected.actualStart(), j.actualStart());
            assertEquals(expected.actualEnd(), j.actualEnd());
            assertEquals(codes(expected), codes(j));
            assertEquals(expected.payableReasons(), j.payableReasons());
            assertEquals(shuffled.size() - es.size(), j.ignoredEvents().size());
            assertTrue(j.ignoredEvents().stream().allMatch(x -> x.why() == IgnoredEvent.Why.DUPLICATE));
        }
    }

    @Test
    void checkOutBeforeCheckInArrives() {
        PlannedVisit v = visit("kent", 30, false, 1);
        VisitEvent in = in("w1", 5);
        VisitEvent out = out("w1", 35);
        VisitJudgement onlyOut = VisitJudge.judge(v, list(out), pack("kent"), at(40));
        assertTrue(onlyOut.verification().checkInMissing());
        assertFalse(onlyOut.payable());
        assertEquals(List.of(PayableReason.INCOMPLETE_RECORD), onlyOut.payableReasons());
        assertTrue(onlyOut.notifications().isEmpty(), "a check-out proves someone came: not missed");

        VisitJudgement both = VisitJudge.judge(v, list(out, in), pack("kent"), at(40));
        assertEquals(AppointmentStatus.FULFILLED, both.status());
        assertEquals(at(5), both.workers().get(0).checkIn());
        assertEquals(at(35), both.workers().get(0).checkOut());
        assertTrue(both.payable());
        assertEquals(List.of(PayableReason.DELIVERED), both.payableReasons());
    }

    @Test
    void checkOutTimedBeforeCheckInIsIncomplete() {
        PlannedVisit v = visit("kent", 30, false, 1);
        VisitJudgement j = VisitJudge.judge(v, list(in("w1", 30), out("w1", 5)), pack("kent"), LATER);
        assertTrue(j.verification().checkOutBeforeCheckIn());
        assertFalse(j.payable());
        assertEquals(List.of(PayableReason.INCOMPLETE_RECORD), j.payableReasons());
    }

    @Test
    void aCorrectionSupersedesTheRawEventWhicheverArrivesFirst() {
        PlannedVisit v = visit("kent", 30, false, 1);
        VisitEvent wrong = in("w1", 50); // logged late by a phone with the wrong clock
        VisitEvent fixed = correcting(wrong, 3, CheckInMethod.MANUAL,
                new ManualEntry("clock-error", "phone clock wrong", "office-1", at(60)));
        VisitEvent out = out("w1", 33);
        VisitJudgement before = VisitJudge.judge(v, list(wrong, out), pack("kent"), LATER);
        assertEquals(List.of("late"), codes(before));
        for (List<VisitEvent> order : List.of(list(wrong, out, fixed), list(fixed, out, wrong))) {
            VisitJudgement after = VisitJudge.judge(v, order, pack("kent"), LATER);
            assertEquals(List.of(), codes(after));
            assertEquals(at(3), after.actualStart());
            assertEquals(CheckInMethod.MANUAL, after.method());
            assertTrue(after.ignoredEvents().contains(new IgnoredEvent(wrong.eventId(), IgnoredEvent.Why.SUPERSEDED)));
            assertTrue(after.usedEvents().contains(fixed.eventId()));
        }
    }

    @Test
    void aConflictingDuplicateKeepsTheFirstReceived() {
        PlannedVisit v = visit("kent", 30, false, 1);
        VisitEvent first = in("w1", 0);
        VisitEvent clash = new VisitEvent(first.eventId(), "PRV-1", "P-100", "ORD-1", null, "w1", EventKind.CHECK_IN,
                at(50), CheckInMethod.APP, true, null, null, null);
        VisitJudgement j = VisitJudge.judge(v, list(first, clash, out("w1", 30)), pack("kent"), LATER);
        assertEquals(at(0), j.actualStart());
        assertEquals(List.of(new IgnoredEvent(first.eventId(), IgnoredEvent.Why.CONFLICTING_DUPLICATE)), j.ignoredEvents());
    }

    @Test
    void judgingAgainLaterRaisesTheSameNotificationKey() {
        PlannedVisit v = visit("kent", 30, false, 1);
        Notification a = VisitJudge.judge(v, List.of(), pack("kent"), at(121)).notification("missed-visit").orElseThrow();
        // The worker turns up 2 h 30 late: still missed (K:1724), same key, so the store does not alert twice.
        VisitJudgement late = VisitJudge.judge(v, list(in("w1", 150), out("w1", 180)), pack("kent"), at(200));
        assertEquals(List.of("missed"), codes(late));
        assertTrue(late.payable(), "care was received");
        assertEquals(a.key(), late.notification("missed-visit").orElseThrow().key());
        assertEquals(a.at(), late.notification("missed-visit").orElseThrow().at());
    }

    @Test
    void kentLateVisitIsNotified() {
        VisitJudgement j = VisitJudge.judge(visit("kent", 30, false, 1), list(in("w1", 50), out("w1", 80)),
                pack("kent"), LATER);
        assertEquals(at(50), j.notification("late-visit").orElseThrow().at());
        assertEquals(List.of(PayableReason.DELIVERED, PayableReason.LATE), j.payableReasons());
    }

    @Test
    void cancelledOnTheRota() {
        PlannedVisit v = new PlannedVisit("kent", "V9", "ORD-1", "P-100", "PRV-1", START, at(30), false, 1, true);
        VisitJudgement j = VisitJudge.judge(v, List.of(), pack("kent"), LATER);
        assertEquals(AppointmentStatus.CANCELLED, j.status());
        assertTrue(j.notifications().isEmpty(), "a cancelled visit is never missed");
    }

    @Test
    void eventsForAnotherPersonAreIgnoredNotCounted() {
        PlannedVisit v = visit("kent", 30, false, 1);
        VisitEvent stray = new VisitEvent("X1", "PRV-1", "P-999", "ORD-9", null, "w1", EventKind.CHECK_IN, at(0),
                CheckInMethod.APP, true, null, null, null);
        VisitJudgement j = VisitJudge.judge(v, list(stray), pack("kent"), at(10));
        assertEquals(AppointmentStatus.BOOKED, j.status());
        assertEquals(List.of(new IgnoredEvent("X1", IgnoredEvent.Why.OTHER_CLIENT)), j.ignoredEvents());
    }

    /** The Thirdshire pack is test data only: no code knows its name. */
    @ParameterizedTest(name = "thirdshire: check-in at {0} min -> {1}")
    @CsvSource({"30, none", "31, late", "-31, early", "89, late", "90, missed"})
    void aThirdCouncilWorksFromItsPackAlone(int arrival, String expected) throws Exception {
        RulePack third;
        try (InputStream in = getClass().getResourceAsStream("/rulepacks/thirdshire.yaml")) {
            third = RulePacks.parse("thirdshire.yaml", in);
        }
        PlannedVisit v = visit("thirdshire", 30, false, 1);
        VisitJudgement j = VisitJudge.judge(v, list(in("w1", arrival), out("w1", arrival + 30)), third, LATER);
        assertEquals(expected.equals("none") ? List.of() : List.of(expected), codes(j));
        assertEquals(at(90), MissedThreshold.missedAt(v, third), "at-least: the limit itself");
    }

    @Test
    void packAndVisitMustBeForTheSameCouncil() {
        assertThrows(IllegalArgumentException.class,
                () -> VisitJudge.judge(visit("kent", 30, false, 1), List.of(), pack("lbhf"), LATER));
    }
}
