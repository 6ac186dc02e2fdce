package org.carebridge.gateway.ecm;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.mappings.ecm.EcmSystems;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Actual visits posted over FHIR on a running gateway (H&F's rule pack): a provider posts Encounters for a day of
 * visits (on time, late, short, manual entries typed 23 h and 25 h after, double-ups inside and outside 15 min, a
 * worker known by NI number), as a single create and as a transaction; posts one twice (nothing changes) and one
 * corrected; moves Appointments to arrived, fulfilled, noshow and cancelled (refused). Each write answers with the
 * gateway's judged resource; the visits read back over FHIR as council and as provider show the Appointment
 * status, the periods per (pseudonymised) worker and the payable flag with its reasons. Bad input and another
 * provider are refused with the element and the reason, and change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActualVisitOverFhirTest {
    static final String T = "lbhf";
    static final String ODS = "AV1";
    static final String OTHER = "AV2";
    static final String NINO = "AB 12 34 56 C";

    static IGenericClient council;
    static IGenericClient provider;
    static IGenericClient other;
    /** Midnight two days before the gateway's now: the day of visits, all in the past. */
    static Instant day;
    static Instant now;
    static final Map<String, String> ids = new HashMap<>();

    @BeforeAll
    static void setUp() {
        GatewayServer.start();
        council = GatewayServer.client(T);
        provider = GatewayServer.client(T, EcmEndToEndTest.providerToken(ODS));
        other = GatewayServer.client(T, EcmEndToEndTest.providerToken(OTHER));
        now = GatewayServer.start().getApplicationContext().getBean(EcmClock.class).now();
        day = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
        ids.put("org", create(EcmEndToEndTest.org(ODS, "Provider " + ODS)));
        ids.put("other", create(EcmEndToEndTest.org(OTHER, "Provider " + OTHER)));
        for (int i = 1; i <= 3; i++) {
            Patient p = new Patient();
            p.addIdentifier().setSystem(Canonical.MOSAIC_PERSON).setValue("AV-P" + i);
            ids.put("P" + i, create(p));
            ids.put("O" + i, create(EcmEndToEndTest.order("SDO-AV" + i, ids.get("P" + i), ids.get(i == 3 ? "other" : "org"))));
        }
        // The other provider also delivers an order to P1, so it sees P1: only the visit tells whose it is.
        ids.put("O1b", create(EcmEndToEndTest.order("SDO-AV1b", ids.get("P1"), ids.get("other"))));

        Bundle rota = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        rota.addEntry(entry(visit("AV-ONTIME", 1, at(8, 0), true, 1)));
        rota.addEntry(entry(visit("AV-LATE", 1, at(9, 0), true, 1)));
        rota.addEntry(entry(visit("AV-SHORT", 1, at(10, 0), true, 1)));
        rota.addEntry(entry(visit("AV-MAN23", 1, at(11, 0), true, 1)));
        rota.addEntry(entry(visit("AV-MAN25", 1, at(12, 0), true, 1)));
        rota.addEntry(entry(visit("AV-DBL-OK", 1, at(13, 0), true, 2)));
        rota.addEntry(entry(visit("AV-DBL-LATE", 1, at(14, 0), true, 2)));
        Instant soon = now.plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 1; i <= 3; i++) rota.addEntry(entry(visit("AV-NOW-" + i, 2, soon, false, 1)));
        assertEquals(10, provider.transaction().withBundle(rota).execute().getEntry().size());
        Bundle foreign = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        foreign.addEntry(entry(visit("AV-FOREIGN", 3, at(8, 0), true, 1)));
        other.transaction().withBundle(foreign).execute();
    }

    /**
     * H&F's open orders are what a Mosaic full extract of lbhf is measured against (MosaicGatewayTest): this
     * class's packages end with it, as the council would close them.
     */
    @AfterAll
    static void closeThePackages() {
        for (String o : List.of("O1", "O2", "O3", "O1b")) {
            ServiceRequest sr = council.read().resource(ServiceRequest.class).withId(ids.get(o)).execute();
            sr.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED);
            sr.setId(sr.getIdElement().toUnqualifiedVersionless());
            council.update().resource(sr).execute();
        }
    }

    @Test
    @Order(1)
    void anEncounterPostedAloneIsAnsweredWithTheGatewaysJudgedEncounter() {
        MethodOutcome mo = provider.create().resource(encounter("AV-ONTIME", worker("AVW-ANNA", at(8, 5), at(8, 35))))
                .prefer(PreferReturnEnum.REPRESENTATION).execute();
        assertTrue(Boolean.TRUE.equals(mo.getCreated()), "the visit's Encounter is new");
        Encounter judged = assertInstanceOf(Encounter.class, mo.getResource());
        Encounter stored = encounter(council, "AV-ONTIME");
        assertEquals(stored.getIdElement().getIdPart(), mo.getId().getIdPart(), "folded into the visit's own Encounter");
        assertEquals(stored.getMeta().getVersionId(), mo.getId().getVersionIdPart());
        assertEquals("finished", judged.getStatus().toCode());
        assertTrue(payable(judged));
        assertEquals(List.of("delivered"), payableReasons(judged));
        assertEquals(Canonical.CARE_WORKER_PSEUDONYM, judged.getParticipantFirstRep().getIndividual().getIdentifier().getSystem());
        assertFalse(json(judged).contains("AVW-ANNA"), "the vendor's worker id is not returned");
        assertEquals("fulfilled", appointment(provider, "AV-ONTIME").getStatus().toCode());
    }

    @Test
    @Order(2)
    void aDayOfVisitsAsATransactionOfEncounters() {
        Worker manual23 = worker("AVW-ANNA", at(11, 0), at(11, 30)).manual("no-signal");
        Worker manual25 = worker("AVW-ANNA", at(12, 0), at(12, 30)).manual("device-failure");
        Encounter man23 = encounter("AV-MAN23", manual23);
        man23.getMeta().setLastUpdated(Date.from(at(11, 30).plus(Duration.ofHours(23))));
        Encounter man25 = encounter("AV-MAN25", manual25);
        man25.getMeta().setLastUpdated(Date.from(at(12, 30).plus(Duration.ofHours(25))));
        Bundle day = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Encounter e : List.of(
                encounter("AV-LATE", worker("AVW-ANNA", at(9, 20), at(9, 50))),
                encounter("AV-SHORT", worker("AVW-BEN", at(10, 0), at(10, 10))),
                man23, man25,
                encounter("AV-DBL-OK", worker("AVW-ANNA", at(13, 0), at(13, 30)), worker(NINO, at(13, 10), at(13, 30))),
                encounter("AV-DBL-LATE", worker("AVW-ANNA", at(14, 0), at(14, 30)), worker("AVW-BEN", at(14, 20), at(14, 30))))) {
            day.addEntry().setResource(e).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        }
        Bundle response = provider.transaction().withBundle(day).execute();
        assertEquals(6, response.getEntry().size());
        for (Bundle.BundleEntryComponent e : response.getEntry()) {
            assertTrue(e.getResponse().getStatus().startsWith("201"), e.getResponse().getStatus());
            assertTrue(e.getResponse().getLocation().startsWith("Encounter/"), e.getResponse().getLocation());
        }
    }

    /** visit, payable, reasons that must be there, exceptions that must be there, workers. */
    record Expect(String visit, boolean payable, List<String> reasons, List<String> exceptions, int workers) {}

    @Test
    @Order(3)
    void theJudgedVisitsReadBackAsCouncilAndProvider() {
        List<Expect> table = List.of(
                new Expect("AV-ONTIME", true, List.of("delivered"), List.of(), 1),
                new Expect("AV-LATE", true, List.of(), List.of("late"), 1),
                new Expect("AV-SHORT", true, List.of(), List.of("short-visit"), 1),
                new Expect("AV-MAN23", true, List.of(), List.of(), 1),
                new Expect("AV-MAN25", false, List.of("manual-entry-late"), List.of("manual-entry-late"), 1),
                new Expect("AV-DBL-OK", true, List.of(), List.of(), 2),
                new Expect("AV-DBL-LATE", true, List.of(), List.of("double-up-late"), 2));
        Set<String> annas = new HashSet<>();
        for (IGenericClient reader : List.of(council, provider)) {
            for (Expect x : table) {
                String what = x.visit() + (reader == council ? " as council" : " as provider");
                assertEquals("fulfilled", appointment(reader, x.visit()).getStatus().toCode(), what);
                Encounter e = encounter(reader, x.visit());
                assertEquals(x.payable(), payable(e), what + ": " + payableReasons(e) + " " + exceptions(e));
                assertTrue(payableReasons(e).containsAll(x.reasons()), what + ": " + payableReasons(e));
                assertTrue(exceptions(e).containsAll(x.exceptions()), what + ": " + exceptions(e));
                if (x.exceptions().isEmpty()) assertEquals(List.of(), exceptions(e), what);
                assertEquals(x.workers(), e.getParticipant().size(), what);
                for (Encounter.EncounterParticipantComponent p : e.getParticipant()) {
                    assertEquals(Canonical.CARE_WORKER_PSEUDONYM, p.getIndividual().getIdentifier().getSystem(), what);
                    assertTrue(p.getIndividual().getIdentifier().getValue().startsWith("cw-"), what);
                    assertNotNull(p.getPeriod().getStart(), what);
                }
                String text = json(e);
                for (String raw : List.of("AVW-ANNA", "AVW-BEN", "AB123456C", NINO)) assertFalse(text.contains(raw), what + " holds " + raw);
                if (List.of("AV-ONTIME", "AV-LATE", "AV-MAN23", "AV-MAN25").contains(x.visit())) { // Anna's alone
                    annas.add(e.getParticipantFirstRep().getIndividual().getIdentifier().getValue());
                }
            }
        }
        assertEquals(1, annas.size(), "one worker, one stable pseudonym across visits and readers");
        Encounter late = encounter(council, "AV-LATE");
        assertEquals(at(9, 20), late.getParticipantFirstRep().getPeriod().getStart().toInstant());
        assertEquals(at(9, 50), late.getParticipantFirstRep().getPeriod().getEnd().toInstant());
        Encounter dbl = encounter(council, "AV-DBL-LATE");
        assertEquals(Set.of(at(14, 0), at(14, 20)), Set.of(dbl.getParticipant().get(0).getPeriod().getStart().toInstant(),
                dbl.getParticipant().get(1).getPeriod().getStart().toInstant()), "each worker's own period");

        // Neither the workers' ids nor the NI number were stored anywhere: not in the resources' versions, not in the events.
        for (String raw : List.of("AVW-ANNA", "AB123456C", NINO)) {
            assertEquals(0, count("select count(*) from fhir_resource_version where tenant = ? and content like ?", raw), raw);
            assertEquals(0, count("select count(*) from ecm_event where tenant = ? and content like ?", raw), raw);
        }
    }

    @Test
    @Order(4)
    void theSameEncounterTwiceChangesNothingAndACorrectionIsANewRecord() {
        Encounter before = encounter(council, "AV-ONTIME");
        int history = history("Encounter", before.getIdElement().getIdPart());
        MethodOutcome again = provider.create().resource(encounter("AV-ONTIME", worker("AVW-ANNA", at(8, 5), at(8, 35))))
                .prefer(PreferReturnEnum.REPRESENTATION).execute();
        assertEquals(before.getMeta().getVersionId(), again.getId().getVersionIdPart(), "no new version");
        assertEquals(history, history("Encounter", before.getIdElement().getIdPart()));
        assertEquals(json(before), json(encounter(council, "AV-ONTIME")));

        // The late visit's start corrected to 09:10: the new time supersedes the old, and it is on time now.
        MethodOutcome corrected = provider.create().resource(encounter("AV-LATE", worker("AVW-ANNA", at(9, 10), at(9, 50))))
                .prefer(PreferReturnEnum.REPRESENTATION).execute();
        Encounter e = (Encounter) corrected.getResource();
        assertEquals(List.of(), exceptions(e));
        assertEquals(at(9, 10), e.getParticipantFirstRep().getPeriod().getStart().toInstant());
        assertEquals(1, e.getParticipant().size(), "the corrected time replaces the old one");
    }

    @Test
    @Order(5)
    void appointmentStatusUpdatesBecomeEventsAndAreJudged() {
        Appointment arrived = put(provider, "AV-NOW-1", "arrived", null);
        assertEquals("arrived", arrived.getStatus().toCode(), "the answer is the judged Appointment");
        assertEquals("arrived", appointment(council, "AV-NOW-1").getStatus().toCode());
        assertEquals("in-progress", encounter(council, "AV-NOW-1").getStatus().toCode());
        assertEquals("fulfilled", put(provider, "AV-NOW-1", "fulfilled", null).getStatus().toCode());
        Encounter done = encounter(provider, "AV-NOW-1");
        assertNotNull(done.getPeriod().getEnd(), "checked out at the update");

        Appointment noshow = put(provider, "AV-NOW-2", "noshow", null);
        assertEquals("noshow", noshow.getStatus().toCode());
        Encounter e2 = encounter(council, "AV-NOW-2");
        assertFalse(payable(e2));
        assertTrue(payableReasons(e2).contains("no-response"), payableReasons(e2).toString());
        assertEquals(1, EcmEndToEndTest.alerts(council, "lbhf/AV-NOW-2/no-response").size(), "H:3661: the council is told");

        Appointment refused = put(provider, "AV-NOW-3", "cancelled", "refused");
        assertEquals("cancelled", refused.getStatus().toCode());
        Encounter e3 = encounter(council, "AV-NOW-3");
        assertFalse(payable(e3));
        assertTrue(payableReasons(e3).contains("refused"), payableReasons(e3).toString());
        assertEquals(1, EcmEndToEndTest.alerts(provider, "lbhf/AV-NOW-3/refusal").size(), "H:532, shown to the provider too");

        // The same status again changes nothing: the visit stays as judged, not even a new version.
        String version = appointment(council, "AV-NOW-2").getMeta().getVersionId();
        assertEquals(version, put(provider, "AV-NOW-2", "noshow", null).getMeta().getVersionId());
        assertEquals(version, appointment(council, "AV-NOW-2").getMeta().getVersionId());
        assertEquals(json(e2), json(encounter(council, "AV-NOW-2")));
        assertEquals(1, EcmEndToEndTest.alerts(council, "lbhf/AV-NOW-2/no-response").size());
    }

    @Test
    @Order(6)
    void badInputAndOtherProvidersAreRefusedWithTheElementAndChangeNothing() {
        String shortVersion = encounter(council, "AV-SHORT").getMeta().getVersionId();
        refused(422, "Encounter.participant[0].period: end is before start",
                () -> provider.create().resource(encounter("AV-SHORT", worker("AVW-BEN", at(10, 30), at(10, 0)))).execute());
        assertEquals(shortVersion, encounter(council, "AV-SHORT").getMeta().getVersionId(), "nothing half-applied");
        refused(422, "Encounter.identifier: no planned visit is known as visit AV-NOPE",
                () -> provider.create().resource(encounter("AV-NOPE", worker("AVW-BEN", at(10, 0), at(10, 30)))).execute());
        Encounter backwards = encounter("AV-SHORT", worker("AVW-BEN", at(10, 0), at(10, 20)));
        backwards.setPeriod(new Period().setStart(Date.from(at(10, 20))).setEnd(Date.from(at(10, 0))));
        refused(422, "Encounter.period: end is before start", () -> provider.create().resource(backwards).execute());
        refused(422, "Appointment.status: visit AV-ONTIME is fulfilled and cannot become arrived",
                () -> put(provider, "AV-ONTIME", "arrived", null));
        assertEquals("fulfilled", appointment(council, "AV-ONTIME").getStatus().toCode());

        // Another provider who sees the person (it delivers another order of hers) may not post for this visit...
        String lateVersion = encounter(council, "AV-LATE").getMeta().getVersionId();
        refused(422, "Encounter.identifier: no planned visit is known as visit AV-LATE",
                () -> other.create().resource(encounter("AV-LATE", worker("AVW-ZED", at(9, 0), at(9, 30)))).execute());
        assertEquals(lateVersion, encounter(council, "AV-LATE").getMeta().getVersionId());
        // ... nor move its Appointment; and this provider may not post for the other's visit.
        Appointment theirs = appointment(council, "AV-NOW-1");
        theirs.setStatus(Appointment.AppointmentStatus.NOSHOW);
        theirs.setId(theirs.getIdElement().toUnqualifiedVersionless());
        refused(404, "", () -> other.update().resource(theirs).execute());
        Encounter foreign = encounter("AV-FOREIGN", worker("AVW-ANNA", at(8, 0), at(8, 30)));
        foreign.setSubject(new Reference("Patient/" + ids.get("P3")));
        try {
            provider.create().resource(foreign).execute();
            fail("a provider posted for another provider's visit");
        } catch (BaseServerResponseException ex) {
            assertTrue(ex.getStatusCode() >= 400 && ex.getStatusCode() < 500, ex.getMessage());
        }
        assertEquals(0, council.search().forResource(Encounter.class)
                .where(Encounter.IDENTIFIER.exactly().systemAndIdentifier(Canonical.ECM_VISIT, "AV-FOREIGN"))
                .returnBundle(Bundle.class).execute().getEntry().size(), "nothing was recorded for it");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static Instant at(int hour, int minute) {
        return day.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    static final class Worker {
        final String id;
        final Instant in, out;
        String manualReason;

        Worker(String id, Instant in, Instant out) {
            this.id = id;
            this.in = in;
            this.out = out;
        }

        Worker manual(String reason) {
            manualReason = reason;
            return this;
        }
    }

    static Worker worker(String id, Instant in, Instant out) {
        return new Worker(id, in, out);
    }

    /** An Encounter as a vendor's ECM system would post it: the visit id, the person, one participant per worker. */
    static Encounter encounter(String visitId, Worker... workers) {
        Encounter e = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
        e.addIdentifier().setSystem(Canonical.ECM_VISIT).setValue(visitId);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HH", "home health"));
        e.setSubject(new Reference("Patient/" + ids.get("P1")));
        for (Worker w : workers) {
            Encounter.EncounterParticipantComponent p = e.addParticipant();
            Identifier id = w.id.equals(NINO) ? new Identifier().setSystem("https://fhir.hl7.org.uk/Id/nino").setValue(w.id)
                    : new Identifier().setSystem("https://vendor.example/staff").setValue(w.id);
            p.setIndividual(new Reference().setType("Practitioner").setIdentifier(id).setDisplay("Care Worker " + w.id));
            p.setPeriod(new Period().setStart(Date.from(w.in)).setEnd(Date.from(w.out)));
            p.addExtension(EcmSystems.EXT_CHECK_IN_METHOD, new CodeType(w.manualReason == null ? "app" : "manual"));
            p.addExtension(EcmSystems.EXT_LOCATION_VERIFIED, new BooleanType(w.manualReason == null));
            if (w.manualReason != null) p.addExtension(EcmSystems.EXT_MANUAL_ENTRY_REASON, new StringType(w.manualReason));
        }
        return e;
    }

    @Test
    @Order(7)
    void aBundleOfAppointmentUpdatesJudgesThePlannedVisitsAndStoresTheRest() {
        Instant soon = now.plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
        Bundle rota = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        rota.addEntry(entry(visit("AV-TX-1", 2, soon, false, 1)));
        rota.addEntry(entry(visit("AV-TX-2", 2, soon.plus(Duration.ofHours(1)), false, 1)));
        provider.transaction().withBundle(rota).execute();

        // One Bundle (the council's: a provider may not create by PUT): two planned visits' Appointments moved on,
        // and a new visit planned by PUT at its own id.
        Bundle updates = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (String[] v : new String[][] {{"AV-TX-1", "arrived"}, {"AV-TX-2", "noshow"}}) {
            Appointment a = appointment(provider, v[0]);
            a.setStatus(Appointment.AppointmentStatus.fromCode(v[1]));
            a.setId(a.getIdElement().toUnqualifiedVersionless());
            updates.addEntry().setResource(a).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Appointment/" + a.getIdElement().getIdPart());
        }
        Appointment fresh = visit("AV-TX-3", 2, soon.plus(Duration.ofHours(2)), false, 1);
        fresh.setId("av-tx-3");
        updates.addEntry().setResource(fresh).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Appointment/av-tx-3");
        assertEquals(3, council.transaction().withBundle(updates).execute().getEntry().size());

        assertEquals("arrived", appointment(council, "AV-TX-1").getStatus().toCode());
        assertEquals("in-progress", encounter(council, "AV-TX-1").getStatus().toCode(), "judged as an actual visit");
        assertEquals("noshow", appointment(council, "AV-TX-2").getStatus().toCode());
        assertTrue(payableReasons(encounter(council, "AV-TX-2")).contains("no-response"));
        Appointment planned = appointment(council, "AV-TX-3");
        assertEquals("av-tx-3", planned.getIdElement().getIdPart());
        assertEquals("booked", planned.getStatus().toCode(), "stored as sent: a new visit on the rota");
    }

    /** The provider moves the visit's Appointment (as it read it) to a status. */
    static Appointment put(IGenericClient c, String visitId, String status, String reason) {
        Appointment a = appointment(c, visitId);
        a.setStatus(Appointment.AppointmentStatus.fromCode(status));
        if (reason != null) {
            a.setCancelationReason(new CodeableConcept(new Coding(EcmSystems.CS_VISIT_EXCEPTION, reason, null))
                    .setText("did not want the visit today"));
        }
        a.setId(a.getIdElement().toUnqualifiedVersionless());
        MethodOutcome mo = c.update().resource(a).prefer(PreferReturnEnum.REPRESENTATION).execute();
        return (Appointment) mo.getResource();
    }

    static void refused(int status, String message, Runnable write) {
        try {
            write.run();
            fail("accepted: " + message);
        } catch (BaseServerResponseException ex) {
            assertEquals(status, ex.getStatusCode(), ex.getMessage());
            assertTrue(ex.getMessage().contains(message), ex.getMessage());
        }
    }

    static String create(org.hl7.fhir.r4.model.Resource r) {
        return council.create().resource(r).execute().getId().getIdPart();
    }

    static Appointment visit(String visitId, int person, Instant start, boolean timeCritical, int workers) {
        Appointment a = EcmEndToEndTest.plannedVisit(visitId, ids.get("O" + person), ids.get("P" + person), start);
        a.addExtension(EcmSystems.EXT_TIME_CRITICAL, new BooleanType(timeCritical));
        a.addExtension(EcmSystems.EXT_WORKERS_REQUIRED, new IntegerType(workers));
        return a;
    }

    static Bundle.BundleEntryComponent entry(Appointment a) {
        return EcmEndToEndTest.entry(a);
    }

    static Appointment appointment(IGenericClient c, String visitId) {
        return EcmEndToEndTest.appointment(c, visitId);
    }

    static Encounter encounter(IGenericClient c, String visitId) {
        return EcmEndToEndTest.encounter(c, appointment(c, visitId));
    }

    static boolean payable(Encounter e) {
        return EcmEndToEndTest.payable(e);
    }

    static List<String> payableReasons(Encounter e) {
        return EcmEndToEndTest.payableReasons(e);
    }

    static List<String> exceptions(Encounter e) {
        return EcmEndToEndTest.exceptions(e);
    }

    static String json(org.hl7.fhir.r4.model.Resource r) {
        return GatewayServer.ctx().newJsonParser().encodeResourceToString(r);
    }

    static int history(String type, String id) {
        return council.history().onInstance(type + "/" + id).returnBundle(Bundle.class).execute().getTotal();
    }

    static long count(String sql, String raw) {
        return EcmEndToEndTest.count(sql, T, "%" + raw + "%");
    }
}
