package org.carebridge.mappings.ecm;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitJudge;
import org.carebridge.rules.visits.VisitJudgement;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncounterEventMapperTest {
    private static final Pseudonymiser KENT = new Pseudonymiser("kent", EcmTestSupport.KENT_KEY);
    private static final PlannedVisit V1 = new PlannedVisit("kent", "V1", "SDO-42", "P-100", "prv-7",
            Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T09:30:00Z"), false, 1, false);
    private static final Instant RECEIVED = Instant.parse("2026-03-02T12:00:00Z");

    private static Encounter encounter(String checkIn, String checkOut, String method) {
        Encounter e = new Encounter();
        e.addIdentifier(new Identifier().setSystem(Canonical.ECM_VISIT).setValue("V1"));
        e.setSubject(new Reference().setIdentifier(new Identifier().setSystem(Canonical.MOSAIC_PERSON).setValue("P-100")));
        e.addBasedOn(new Reference().setIdentifier(new Identifier().setSystem(Canonical.MOSAIC_ORDER).setValue("SDO-42")));
        addWorker(e, "CW-17", checkIn, checkOut, method);
        return e;
    }

    private static Encounter.EncounterParticipantComponent addWorker(Encounter e, String worker, String checkIn,
                                                                      String checkOut, String method) {
        Encounter.EncounterParticipantComponent p = e.addParticipant();
        p.setIndividual(new Reference().setIdentifier(new Identifier().setSystem("https://vendor.example/staff").setValue(worker)));
        Period period = new Period();
        if (checkIn != null) period.setStart(Date.from(Instant.parse(checkIn)));
        if (checkOut != null) period.setEnd(Date.from(Instant.parse(checkOut)));
        p.setPeriod(period);
        if (method != null) p.addExtension(EcmSystems.EXT_CHECK_IN_METHOD, new CodeType(method));
        p.addExtension(EcmSystems.EXT_LOCATION_VERIFIED, new BooleanType(true));
        return p;
    }

    private static EncounterEventMapper.Result map(Encounter e, List<VisitEvent> log) {
        return EncounterEventMapper.map(e, V1, log, KENT, RECEIVED);
    }

    @Test
    void participantPeriodsBecomeCheckInsAndOutsOfPseudonymisedWorkers() {
        EncounterEventMapper.Result r = map(encounter("2026-03-02T09:50:00Z", "2026-03-02T10:20:00Z", "telephony"), List.of());
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(EventKind.CHECK_IN, EventKind.CHECK_OUT), r.events().stream().map(VisitEvent::kind).toList());
        VisitEvent in = r.events().get(0);
        assertEquals(KENT.worker("CW-17"), in.worker());
        assertEquals("V1", in.visitId());
        assertEquals("SDO-42", in.orderId());
        assertEquals("prv-7", in.providerId());
        assertEquals(CheckInMethod.TELEPHONY, in.method());
        assertTrue(in.locationVerified());
        assertFalse(r.events().toString().contains("CW-17"), "only the pseudonym leaves the mapper");
    }

    @Test
    void methodFallsBackToTheEncounterThenToApp() {
        Encounter e = encounter("2026-03-02T09:05:00Z", null, null);
        assertEquals(CheckInMethod.APP, map(e, List.of()).events().get(0).method());
        e.addExtension(EcmSystems.EXT_CHECK_IN_METHOD, new CodeableConcept(new Coding(
                org.carebridge.profiles.terminology.CheckInMethod.SYSTEM, "telephony", null)));
        assertEquals(CheckInMethod.TELEPHONY, map(e, List.of()).events().get(0).method());
    }

    @Test
    void workerByDisplayOrNiNumberIsPseudonymisedAndNeverKept() {
        Encounter e = encounter("2026-03-02T09:05:00Z", null, "app");
        e.getParticipantFirstRep().setIndividual(new Reference().setDisplay("Jo Carer"));
        VisitEvent byName = map(e, List.of()).events().get(0);
        assertEquals(KENT.worker("Jo Carer"), byName.worker());
        e.getParticipantFirstRep().setIndividual(new Reference().setIdentifier(new Identifier()
                .setSystem("https://fhir.hl7.org.uk/Id/nino").setValue("ab 12 34 56 c")));
        VisitEvent byNino = map(e, List.of()).events().get(0);
        assertEquals(KENT.worker("AB123456C"), byNino.worker());
        assertFalse(byNino.toString().toUpperCase().contains("AB123456C"));
    }

    @Test
    void resendingChangesNothingAndAChangedTimeSupersedesTheWorkersCurrentEvent() {
        Encounter v1 = encounter("2026-03-02T09:50:00Z", null, "app");
        List<VisitEvent> log = new ArrayList<>(map(v1, List.of()).events());
        assertEquals(log, map(v1, log).events(), "the same Encounter again gives the stored events: duplicates");

        Encounter v2 = encounter("2026-03-02T09:05:00Z", "2026-03-02T09:40:00Z", "manual");
        v2.getParticipantFirstRep().addExtension(EcmSystems.EXT_MANUAL_ENTRY_REASON, new StringType("CLOCK"));
        v2.getMeta().setLastUpdated(Date.from(Instant.parse("2026-03-02T11:00:00Z")));
        List<VisitEvent> second = map(v2, log).events();
        assertEquals(log.get(0).eventId(), second.get(0).supersedes());
        assertNull(second.get(1).supersedes(), "the check-out is new, not a correction");
        assertEquals(Instant.parse("2026-03-02T11:00:00Z"), second.get(0).manual().enteredAt());
        log.addAll(second);
        assertEquals(second, map(v2, log).events(), "re-sent: duplicates");

        VisitJudgement j = VisitJudge.judge(V1, log, RulePacks.bundled("kent"), RECEIVED);
        assertEquals(List.of(), j.exceptions(), "the corrected 09:05 start is on time");
        assertEquals(CheckInMethod.MANUAL, j.method());
    }

    @Test
    void aFeedEventIsCorrectedByTheEncounterToo() {
        VisitEvent feed = new VisitEvent("CALL-1", "prv-7", "P-100", "SDO-42", "V1", KENT.worker("CW-17"),
                EventKind.CHECK_IN, Instant.parse("2026-03-02T10:00:00Z"), CheckInMethod.APP, true, null, null, null);
        List<VisitEvent> out = map(encounter("2026-03-02T09:02:00Z", null, "app"), List.of(feed)).events();
        assertEquals("CALL-1", out.get(0).supersedes());
    }

    @Test
    void manualEntryTimeIsTheVendorsLastUpdatedButNeverAfterReceipt() {
        Encounter e = encounter("2026-03-02T09:05:00Z", null, "manual");
        e.addExtension(EcmSystems.EXT_MANUAL_ENTRY_REASON, new CodeableConcept(new Coding(
                org.carebridge.profiles.terminology.ManualEntryReason.SYSTEM, "no-signal", null)));
        assertEquals(RECEIVED, map(e, List.of()).events().get(0).manual().enteredAt(), "no lastUpdated: its receipt");
        assertEquals("no-signal", map(e, List.of()).events().get(0).manual().exceptionCode());
        e.getMeta().setLastUpdated(Date.from(RECEIVED.plusSeconds(3600)));
        assertEquals(RECEIVED, map(e, List.of()).events().get(0).manual().enteredAt(), "a future lastUpdated: its receipt");
    }

    @Test
    void badInputIsNamedFieldByField() {
        Encounter e = encounter("2026-03-02T09:50:00Z", "2026-03-02T09:40:00Z", "pigeon");
        e.getIdentifierFirstRep().setValue("V2");
        e.getSubject().getIdentifier().setValue("P-999");
        e.setPeriod(new Period().setStart(Date.from(Instant.parse("2026-03-02T10:00:00Z")))
                .setEnd(Date.from(Instant.parse("2026-03-02T09:00:00Z"))));
        addWorker(e, "CW-18", "2026-03-04T09:50:00Z", null, "manual");
        addWorker(e, "CW-19", "2026-03-02T12:30:00Z", null, "app");
        e.addParticipant().setPeriod(new Period().setStart(Date.from(Instant.parse("2026-03-02T09:50:00Z"))));
        EncounterEventMapper.Result r = map(e, List.of());
        assertEquals(List.of(), r.events(), "nothing is half-taken");
        assertEquals(List.of(
                "Encounter.identifier: visit V2 is not the visit this Encounter is posted for (V1)",
                "Encounter.subject: not the person of visit V1",
                "Encounter.period: end is before start",
                "Encounter.participant[0].period: end is before start",
                "Encounter.participant[1].extension(ManualEntryReason): a manual entry needs its reason (here or on the Encounter)",
                "Encounter.participant[2].period.start: 2026-03-02T12:30:00Z is in the future",
                "Encounter.participant[3].individual: the worker needs an identifier (or display, or reference)"),
                r.errors());

        EncounterEventMapper.Result far = map(encounter("2026-03-01T08:00:00Z", null, "pigeon"), List.of());
        assertEquals(List.of("Encounter.participant[0].extension(CheckInMethod): 'pigeon' is not app, telephony or manual",
                "Encounter.participant[0].period.start: 2026-03-01T08:00:00Z is more than a day from the planned start 2026-03-02T09:00:00Z"),
                far.errors());
        assertEquals(List.of("Encounter.participant: at least one worker with a check-in or check-out period is needed"),
                map(new Encounter(), List.of()).errors());
    }

    // ---- Appointment status updates ----------------------------------------------------------------------------

    private static Appointment status(String status, String reasonCode) {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.fromCode(status));
        a.addParticipant().setActor(new Reference("Patient/p1"));
        if (reasonCode != null) {
            a.setCancelationReason(new CodeableConcept(new Coding(EcmSystems.CS_VISIT_EXCEPTION, reasonCode, null))
                    .setText("said no"));
        }
        return a;
    }

    @ParameterizedTest(name = "{0} -> {1} ({2}): {3}")
    @CsvSource(nullValues = "-", value = {
            "booked,    arrived,   -,           check-in",
            "noshow,    arrived,   -,           check-in",
            "arrived,   fulfilled, -,           check-out",
            "booked,    noshow,    -,           no-reply",
            "booked,    cancelled, refused,     refusal",
            "arrived,   cancelled, refused,     refusal",
            "booked,    cancelled, no-response, no-reply",
            "booked,    cancelled, void,        person-in-hospital",
            "booked,    cancelled, -,           replan",
            "booked,    booked,    -,           replan",
            "arrived,   booked,    -,           refused: Appointment.status",
            "noshow,    pending,   -,           refused: Appointment.status",
            "arrived,   arrived,   -,           unchanged",
            "noshow,    noshow,    -,           unchanged",
            "cancelled, cancelled, refused,     unchanged",
            "booked,    fulfilled, -,           refused: Appointment.status",
            "arrived,   noshow,    -,           refused: Appointment.status",
            "fulfilled, arrived,   -,           refused: Appointment.status",
            "cancelled, arrived,   -,           refused: Appointment.status",
            "arrived,   cancelled, -,           refused: Appointment.cancelationReason",
            "booked,    checked-in, -,          refused: Appointment.status",
            "booked,    entered-in-error, -,    refused: Appointment.status"})
    void statusTransitions(String from, String to, String reason, String expected) {
        AppointmentStatus current = AppointmentStatus.valueOf(from.toUpperCase());
        Instant now = V1.start().plusSeconds(120);
        List<VisitEvent> log = current == AppointmentStatus.ARRIVED
                ? List.of(new VisitEvent("IN-1", "prv-7", "P-100", "SDO-42", "V1", "cw-a", EventKind.CHECK_IN,
                V1.start(), CheckInMethod.APP, true, null, null, null)) : List.of();
        AppointmentStatusEvents.Outcome o = AppointmentStatusEvents.map(status(to, reason), current, V1, log, KENT, now);
        if (o instanceof AppointmentStatusEvents.Replan) {
            assertEquals(expected, "replan");
        } else if (o instanceof AppointmentStatusEvents.Unchanged) {
            assertEquals(expected, "unchanged");
        } else if (o instanceof AppointmentStatusEvents.Refused r) {
            assertEquals(expected, "refused: " + r.field(), r.reason());
        } else {
            List<VisitEvent> events = ((AppointmentStatusEvents.Events) o).events();
            assertEquals(1, events.size());
            VisitEvent e = events.get(0);
            assertEquals(expected, e.kind().code());
            assertEquals(now, e.time());
            assertEquals(e.kind() == EventKind.CHECK_OUT ? "cw-a" : KENT.worker("provider-system:prv-7"), e.worker());
            if (e.kind() == EventKind.REFUSAL) assertEquals("said no", e.reason());
        }
    }

    @Test
    void aStatusUpdateFarFromThePlannedTimeIsRefused() {
        AppointmentStatusEvents.Outcome o = AppointmentStatusEvents.map(status("arrived", null), AppointmentStatus.BOOKED,
                V1, List.of(), KENT, V1.start().plusSeconds(2 * 86_400));
        assertInstanceOf(AppointmentStatusEvents.Refused.class, o);
    }

    @Test
    void namedWorkersCheckIn() {
        Appointment a = status("arrived", null);
        a.addParticipant().setActor(new Reference().setType("Practitioner")
                .setIdentifier(new Identifier().setSystem("https://vendor.example/staff").setValue("CW-17")));
        AppointmentStatusEvents.Events ev = (AppointmentStatusEvents.Events) AppointmentStatusEvents.map(a,
                AppointmentStatus.BOOKED, V1, List.of(), KENT, V1.start());
        assertEquals(List.of(KENT.worker("CW-17")), ev.events().stream().map(VisitEvent::worker).toList());
    }
}
