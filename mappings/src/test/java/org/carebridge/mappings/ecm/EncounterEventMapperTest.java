package org.carebridge.mappings.ecm;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.carebridge.profiles.Canonical;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitJudge;
import org.carebridge.rules.visits.VisitJudgement;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class EncounterEventMapperTest {
    private static final Pseudonymiser KENT = new Pseudonymiser("kent", EcmTestSupport.KENT_KEY);

    private static Encounter encounter(String checkIn, String checkOut, String method) {
        Encounter e = new Encounter();
        e.addIdentifier(new Identifier().setSystem(Canonical.ECM_VISIT).setValue("V1"));
        e.setSubject(new Reference().setIdentifier(new Identifier().setSystem(Canonical.MOSAIC_PERSON).setValue("P-100")));
        e.addBasedOn(new Reference().setIdentifier(new Identifier().setSystem(Canonical.MOSAIC_ORDER).setValue("SDO-42")));
        Encounter.EncounterParticipantComponent p = e.addParticipant();
        p.setIndividual(new Reference().setIdentifier(new Identifier().setSystem("https://vendor.example/staff").setValue("CW-17")));
        Period period = new Period().setStart(Date.from(Instant.parse(checkIn)));
        if (checkOut != null) {
            period.setEnd(Date.from(Instant.parse(checkOut)));
        }
        p.setPeriod(period);
        if (method != null) {
            p.addExtension(EcmSystems.EXT_CHECK_IN_METHOD, new CodeType(method));
        }
        p.addExtension(EcmSystems.EXT_LOCATION_VERIFIED, new BooleanType(true));
        return e;
    }

    @Test
    void participantPeriodsBecomeCheckInsAndOuts() {
        EncounterEventMapper.Result r = EncounterEventMapper.map(
                encounter("2026-03-02T09:50:00Z", "2026-03-02T10:20:00Z", "app"), null, "PRV-7", KENT);
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(EventKind.CHECK_IN, EventKind.CHECK_OUT), r.events().stream().map(VisitEvent::kind).toList());
        VisitEvent in = r.events().get(0);
        assertEquals(KENT.worker("CW-17"), in.worker());
        assertEquals("V1", in.visitId());
        assertEquals("SDO-42", in.orderId());
        assertTrue(in.locationVerified());
    }

    @Test
    void anUpdatedEncounterCorrectsByNewRecordsThatSupersede() {
        Encounter v1 = encounter("2026-03-02T09:50:00Z", null, "app");
        Encounter v2 = encounter("2026-03-02T09:05:00Z", "2026-03-02T09:40:00Z", "manual");
        v2.getParticipantFirstRep().addExtension(EcmSystems.EXT_MANUAL_ENTRY_REASON, new StringType("CLOCK"));
        v2.getMeta().setLastUpdated(Date.from(Instant.parse("2026-03-02T11:00:00Z")));
        List<VisitEvent> first = EncounterEventMapper.map(v1, null, "PRV-7", KENT).events();
        List<VisitEvent> second = EncounterEventMapper.map(v2, v1, "PRV-7", KENT).events();
        assertEquals(first.get(0).eventId(), second.get(0).supersedes());
        assertNull(second.get(1).supersedes(), "the check-out is new, not a correction");

        List<VisitEvent> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(EncounterEventMapper.map(v2, v1, "PRV-7", KENT).events()); // re-sent: duplicates
        PlannedVisit v = new PlannedVisit("kent", "V1", "SDO-42", "P-100", "PRV-7",
                Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T09:30:00Z"), false, 1, false);
        VisitJudgement j = VisitJudge.judge(v, all, RulePacks.bundled("kent"), Instant.parse("2026-03-02T12:00:00Z"));
        assertEquals(List.of(), j.exceptions(), "the corrected 09:05 start is on time");
        assertEquals(CheckInMethod.MANUAL, j.method());
        assertEquals(Instant.parse("2026-03-02T11:00:00Z"), second.get(0).manual().enteredAt());
    }

    @Test
    void missingPiecesAreNamed() {
        Encounter e = encounter("2026-03-02T09:50:00Z", null, null);
        e.setSubject(null);
        EncounterEventMapper.Result r = EncounterEventMapper.map(e, null, "PRV-7", KENT);
        assertEquals(List.of(), r.events());
        assertEquals(List.of("Encounter.subject: missing patient identifier (system " + Canonical.MOSAIC_PERSON + ")",
                "Encounter.participant[0].extension(CheckInMethod): missing or not app, telephony or manual"), r.errors());
    }
}
