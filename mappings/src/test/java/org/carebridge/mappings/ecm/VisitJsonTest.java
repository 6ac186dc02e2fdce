package org.carebridge.mappings.ecm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.ManualEntry;
import org.carebridge.rules.visits.PayableReason;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.Verification;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitException;
import org.carebridge.rules.visits.VisitExceptionCode;
import org.carebridge.rules.visits.VisitJudge;
import org.carebridge.rules.visits.VisitJudgement;
import org.carebridge.rules.visits.WorkerPeriod;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;

/**
 * The direct writer against HAPI: for every judgement of a wide generated table (every status, late, early, short,
 * missed, manual, double-up, refusal, no-reply, hospital, corrections; optional elements present and absent; texts
 * needing escapes), {@link VisitJson} must give exactly the bytes HAPI's JSON encoder gives for the mapper's
 * resources with the same ids and references. Both real judgements (VisitJudge over generated event logs) and
 * judgements made up field by field (combinations the rules rarely produce) are compared.
 */
class VisitJsonTest {
    private static final IParser HAPI = FhirContext.forR4Cached().newJsonParser();
    private static final Instant DAY = Instant.parse("2026-11-30T00:00:00Z");
    private static final List<String> TEXTS = List.of("SDO-42", "V 1/2", "quote\"d", "back\\slash", "line\nbreak",
            "cr\rtab\t", "bell\u0007bs\bff\f", "nul\u0000us\u001f", "del\u007f", "caf\u00e9 \u00a0nbsp", "emoji \ud83d\ude00",
            "</script>", "line\u2028sep", "\u00ff\u0100\uffff", "123", "a,b;c", " padded ", "\ttabbed\n", "x".repeat(300));
    private static final List<String> IDS = List.of("a1", "0f8fad5b-d9cb-469f-a165-70867728950e", "A.b-C", "x".repeat(64));

    @Test
    void realJudgementsGiveHapisBytes() {
        Random r = new Random(8);
        Set<AppointmentStatus> statuses = EnumSet.noneOf(AppointmentStatus.class);
        Set<VisitExceptionCode> exceptions = EnumSet.noneOf(VisitExceptionCode.class);
        Set<PayableReason> reasons = EnumSet.noneOf(PayableReason.class);
        int encounters = 0;
        for (int i = 0; i < 3000; i++) {
            RulePack pack = RulePacks.bundled(i % 2 == 0 ? "kent" : "lbhf");
            PlannedVisit v = visit(r, pack.tenant(), i);
            List<VisitEvent> log = events(r, v);
            Instant now = v.start().plus(Duration.ofMinutes(r.nextInt(24 * 60)));
            VisitJudgement j = VisitJudge.judge(v, log, pack, now, r.nextInt(4));
            VisitRefs refs = refs(r);
            assertTrue(VisitJson.fits(j, refs), () -> "generated judgement outside the writer's range: " + j);
            if (compare(j, refs)) {
                encounters++;
            }
            statuses.add(j.status());
            j.exceptions().forEach(x -> exceptions.add(x.code()));
            reasons.addAll(j.payableReasons());
        }
        // The table reaches what it claims to.
        assertEquals(EnumSet.allOf(AppointmentStatus.class), statuses);
        assertTrue(exceptions.containsAll(EnumSet.of(VisitExceptionCode.LATE, VisitExceptionCode.EARLY,
                VisitExceptionCode.MISSED, VisitExceptionCode.VOID, VisitExceptionCode.NO_RESPONSE,
                VisitExceptionCode.REFUSED, VisitExceptionCode.SHORT_VISIT, VisitExceptionCode.DOUBLE_UP_LATE,
                VisitExceptionCode.MANUAL_ENTRY_LATE)), () -> "exceptions reached: " + exceptions);
        assertTrue(reasons.size() >= 10, () -> "payable reasons reached: " + reasons);
        assertTrue(encounters > 1500 && encounters < 3000, "with and without an Encounter: " + encounters);
    }

    @Test
    void madeUpJudgementsGiveHapisBytes() {
        Random r = new Random(28_000);
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 6000; i++) {
            PlannedVisit v = new PlannedVisit(i % 3 == 0 ? "lbhf" : "kent", text(r, texts), text(r, texts), text(r, texts),
                    text(r, texts), DAY.plusSeconds(r.nextInt(86_400 * 7)).plusMillis(r.nextInt(3) == 0 ? r.nextInt(1000) : 0),
                    DAY.plusSeconds(86_400L * 8 + r.nextInt(3600)), r.nextBoolean(), 1 + r.nextInt(4), r.nextInt(10) == 0);
            List<WorkerPeriod> workers = new ArrayList<>();
            int n = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(3);
            for (int w = 0; w < n; w++) {
                workers.add(new WorkerPeriod(r.nextInt(5) == 0 ? text(r, texts) : "cw-" + Integer.toHexString(r.nextInt()),
                        maybe(r, v.start()), maybe(r, v.start().plusSeconds(1800)), method(r), method(r), r.nextBoolean()));
            }
            List<VisitException> xs = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                VisitExceptionCode code = VisitExceptionCode.values()[r.nextInt(VisitExceptionCode.values().length)];
                xs.add(new VisitException(code, r.nextInt(6) == 0 ? null : text(r, texts), "K:1721"));
            }
            List<PayableReason> pr = new ArrayList<>();
            for (int k = 1 + r.nextInt(3); k > 0; k--) pr.add(PayableReason.values()[r.nextInt(PayableReason.values().length)]);
            List<String> manual = new ArrayList<>();
            for (int k = r.nextInt(5) == 0 ? 1 + r.nextInt(2) : 0; k > 0; k--) manual.add(text(r, texts));
            EventKind outcome = r.nextInt(4) == 0 ? EventKind.values()[2 + r.nextInt(3)] : null;
            VisitJudgement j = new VisitJudgement(v, AppointmentStatus.values()[r.nextInt(5)], workers,
                    maybe(r, v.start().plusSeconds(60)), maybe(r, v.start().plusSeconds(2000)), method(r),
                    new Verification(r.nextBoolean(), r.nextBoolean(), false, false, false, manual), outcome, null, xs,
                    r.nextBoolean(), pr, List.of(), List.of(), List.of(), v.start());
            VisitRefs refs = refs(r);
            assertTrue(VisitJson.fits(j, refs));
            compare(j, refs);
        }
        assertEquals(new HashSet<>(TEXTS), texts, "every awkward text was used");
    }

    @Test
    void outsideItsRangeItSaysSo() {
        PlannedVisit v = new PlannedVisit("kent", "V1", "SDO-1", "P-1", "PRV", DAY, DAY.plusSeconds(1800), false, 1, false);
        VisitJudgement ok = VisitJudge.judge(v, List.of(), RulePacks.bundled("kent"), DAY);
        VisitRefs refs = new VisitRefs("a", "e", null, null, null);
        assertTrue(VisitJson.fits(ok, refs));
        assertFalse(VisitJson.fits(ok, new VisitRefs("a/b", "e", null, null, null)), "an id that is no FHIR id");
        assertFalse(VisitJson.fits(ok, new VisitRefs("a", null, null, null, null)), "no Encounter id");
        PlannedVisit blank = new PlannedVisit("kent", " ", "SDO-1", "P-1", "PRV", DAY, DAY.plusSeconds(1800), false, 1, false);
        assertFalse(VisitJson.fits(VisitJudge.judge(blank, List.of(), RulePacks.bundled("kent"), DAY), refs), "a blank visit id");
        PlannedVisit old = new PlannedVisit("kent", "V1", "SDO-1", "P-1", "PRV", Instant.parse("1582-10-01T09:00:00Z"),
                Instant.parse("1582-10-01T10:00:00Z"), false, 1, false);
        assertFalse(VisitJson.fits(VisitJudge.judge(old, List.of(), RulePacks.bundled("kent"), old.start()), refs),
                "before the Gregorian calendar, HAPI's calendar writes other dates");
    }

    /** Compares both resources; true when the judgement has an Encounter. */
    private static boolean compare(VisitJudgement j, VisitRefs refs) {
        String hapiAppointment = HAPI.encodeResourceToString(VisitFhirMapper.appointment(j, refs));
        assertEquals(hapiAppointment, VisitJson.appointment(j, refs), () -> "Appointment of " + j);
        Encounter e = VisitFhirMapper.encounter(j, refs);
        if (e == null) {
            assertNull(VisitJson.encounter(j, refs));
            return false;
        }
        assertEquals(HAPI.encodeResourceToString(e), VisitJson.encounter(j, refs), () -> "Encounter of " + j);
        return true;
    }

    private static PlannedVisit visit(Random r, String tenant, int i) {
        Instant start = DAY.plus(Duration.ofMinutes(7 * 60 + r.nextInt(12 * 60)));
        Instant end = start.plus(Duration.ofMinutes(15 + 15 * r.nextInt(4)));
        return new PlannedVisit(tenant, "V-" + i, "SDO-" + r.nextInt(50), "P-" + r.nextInt(200), "PRV-" + r.nextInt(3),
                start, end, r.nextInt(5) == 0, r.nextInt(4) == 0 ? 2 : 1, r.nextInt(40) == 0);
    }

    /** A visit's log: on time, late, early, short, one or two workers, manual entries, outcomes, repeats, corrections. */
    private static List<VisitEvent> events(Random r, PlannedVisit v) {
        List<VisitEvent> out = new ArrayList<>();
        int shape = r.nextInt(10);
        if (shape == 0) return out; // nothing yet: booked, or missed once judged late enough
        if (shape == 1) {
            EventKind k = EventKind.values()[2 + r.nextInt(3)];
            out.add(event(r, v, out.size(), "cw-a", k, v.start().plusSeconds(60L * r.nextInt(90)), null,
                    k == EventKind.REFUSAL && r.nextBoolean() ? "did not want \"care\" today" : null));
            return out;
        }
        int workers = v.workersRequired() == 2 && r.nextInt(4) > 0 ? 2 : 1;
        for (int w = 0; w < workers; w++) {
            String worker = "cw-" + (char) ('a' + w) + r.nextInt(3);
            long late = r.nextInt(6) == 0 ? 60L * (20 + r.nextInt(90)) : r.nextInt(8) == 0 ? -60L * (20 + r.nextInt(60)) : 60L * r.nextInt(10);
            Instant in = v.start().plusSeconds(late + 60L * w * r.nextInt(40));
            long stay = r.nextInt(5) == 0 ? 60L * r.nextInt(10) : v.plannedDuration().getSeconds() + 60L * (r.nextInt(10) - 5);
            if (r.nextInt(8) > 0) out.add(event(r, v, out.size(), worker, EventKind.CHECK_IN, in, method(r), null));
            if (r.nextInt(6) > 0) out.add(event(r, v, out.size(), worker, EventKind.CHECK_OUT, in.plusSeconds(stay), method(r), null));
        }
        if (!out.isEmpty() && r.nextInt(10) == 0) out.add(out.get(0)); // a repeat
        if (!out.isEmpty() && r.nextInt(10) == 0) {
            VisitEvent c = out.get(r.nextInt(out.size()));
            out.add(new VisitEvent(c.eventId() + "-fix", c.providerId(), c.clientId(), c.orderId(), c.visitId(), c.worker(),
                    c.kind(), c.time().plusSeconds(300), c.method(), c.locationVerified(), c.manual(), c.reason(), c.eventId()));
        }
        if (r.nextInt(15) == 0) {
            out.add(event(r, v, out.size(), "cw-z", EventKind.values()[2 + r.nextInt(3)], v.start().plusSeconds(600), null, null));
        }
        if (r.nextInt(3) == 0) java.util.Collections.shuffle(out, r); // out of order
        return out;
    }

    private static VisitEvent event(Random r, PlannedVisit v, int n, String worker, EventKind kind, Instant at,
                                    CheckInMethod method, String reason) {
        ManualEntry manual = method == CheckInMethod.MANUAL ? new ManualEntry(r.nextBoolean() ? "NO-SIGNAL" : "PHONE\tFLAT",
                "no signal", "off-1", at.plus(Duration.ofHours(r.nextBoolean() ? 1 : 30))) : null;
        return new VisitEvent("E" + n + "-" + v.visitId(), v.providerId(), v.clientId(), r.nextBoolean() ? v.orderId() : null,
                v.visitId(), worker, kind, at, method, r.nextInt(4) > 0, manual, reason, null);
    }

    private static CheckInMethod method(Random r) {
        int k = r.nextInt(7);
        return k == 0 ? null : k < 4 ? CheckInMethod.APP : k < 6 ? CheckInMethod.TELEPHONY : CheckInMethod.MANUAL;
    }

    private static VisitRefs refs(Random r) {
        return new VisitRefs(IDS.get(r.nextInt(IDS.size())), IDS.get(r.nextInt(IDS.size())), maybeId(r), maybeId(r), maybeId(r));
    }

    private static String maybeId(Random r) {
        return r.nextInt(3) == 0 ? null : IDS.get(r.nextInt(IDS.size()));
    }

    private static String text(Random r, Set<String> used) {
        String t = TEXTS.get(r.nextInt(TEXTS.size()));
        used.add(t);
        return t;
    }

    private static Instant maybe(Random r, Instant t) {
        return r.nextInt(3) == 0 ? null : t.plusSeconds(r.nextInt(7200)).plusMillis(r.nextInt(4) == 0 ? r.nextInt(1000) : 0);
    }
}
