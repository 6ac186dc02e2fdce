package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Minimisation per role, objections to sharing, and the care worker's 7-day window. */
class RedactionAndObjectionTest {
    @BeforeAll
    static void seed() {
        SecuritySeed.ensure();
    }

    private static <T extends Resource> T read(String key, Roles role, Class<T> type) {
        Http.Response r = Http.get("/fhir/kent/" + SecuritySeed.id(key), role.token());
        assertEquals(200, r.status(), r.body());
        return r.as(type);
    }

    private static boolean redacted(Resource r) {
        return r.getMeta().getSecurity().stream().anyMatch(c -> Canonical.REDACTED_CODE.equals(c.getCode())
                && Canonical.REDACTED_SYSTEM.equals(c.getSystem()));
    }

    private static Set<String> systems(Practitioner p) {
        return p.getIdentifier().stream().map(Identifier::getSystem).collect(Collectors.toSet());
    }

    @Test
    void niNumbersNeverLeaveAndWorkersArePseudonymsOutsideTheirEmployer() {
        Practitioner byEmployer = read("W1", Roles.PROVIDER, Practitioner.class);
        assertEquals(Set.of(SecuritySeed.WORKER_SYSTEM, Canonical.CARE_WORKER_PSEUDONYM), systems(byEmployer));
        assertEquals("Worker", byEmployer.getNameFirstRep().getFamily());
        assertTrue(redacted(byEmployer));
        for (Roles outsider : new Roles[]{Roles.COUNCIL, Roles.DPO}) {
            Practitioner p = read("W1", outsider, Practitioner.class);
            assertEquals(Set.of(Canonical.CARE_WORKER_PSEUDONYM), systems(p), outsider.name());
            assertFalse(p.hasName());
            assertTrue(redacted(p));
            assertFalse(Http.get("/fhir/kent/" + SecuritySeed.id("W1"), outsider.token()).body().contains("QQ123456C"));
        }
        // Nor does a worker's name travel in a visit read by the council.
        Appointment a = read("A1", Roles.COUNCIL, Appointment.class);
        assertTrue(a.getParticipant().stream().noneMatch(p -> p.getActor().hasDisplay()));
        assertTrue(redacted(a));
        assertTrue(read("A1", Roles.PROVIDER, Appointment.class).getParticipant().stream().anyMatch(p -> p.getActor().hasDisplay()));
    }

    @Test
    void providersSeeThatAPersonObjectsButNotWhy() {
        Consent k = read("K1", Roles.PROVIDER, Consent.class);
        assertFalse(k.hasPolicyRule());
        assertTrue(redacted(k));
        assertEquals(Consent.ConsentProvisionType.DENY, k.getProvision().getType());
        assertTrue(read("K1", Roles.COUNCIL, Consent.class).hasPolicyRule(), "the council keeps the whole record");
    }

    @Test
    void accessArrangementsNeverTravelWithTheName() {
        for (Roles r : new Roles[]{Roles.COUNCIL, Roles.PROVIDER, Roles.CARE_WORKER}) {
            Http.Response flag = Http.get("/fhir/kent/" + SecuritySeed.id("F1a"), r.token());
            assertEquals(200, flag.status());
            assertFalse(flag.body().contains("Test Person1"), r.name());
        }
        // Safeguarding details are never a provider's.
        assertEquals(404, Http.get("/fhir/kent/" + SecuritySeed.id("F1s"), Roles.PROVIDER.token()).status());
        assertEquals(200, Http.get("/fhir/kent/" + SecuritySeed.id("F1s"), Roles.COUNCIL.token()).status());
    }

    @Test
    void aCareWorkersDeviceGetsWhatTheVisitNeeds() {
        Patient p = read("P1", Roles.CARE_WORKER, Patient.class);
        assertTrue(p.hasName());
        assertTrue(p.hasAddress());
        assertFalse(p.hasIdentifier(), "no NHS number on the device");
        assertFalse(p.hasContact());
        assertTrue(redacted(p));
        Patient full = read("P1", Roles.PROVIDER, Patient.class);
        assertTrue(full.hasIdentifier());
        assertFalse(redacted(full));
    }

    @Test
    void aCareWorkerSeesOwnVisitsForTheComingSevenDaysOnly() {
        String t = Roles.CARE_WORKER.token();
        String ids = String.join(",", SecuritySeed.idPart("A1"), SecuritySeed.idPart("A1late"), SecuritySeed.idPart("A1past"),
                SecuritySeed.idPart("A2"));
        Bundle b = Http.get("/fhir/kent/Appointment?_id=" + ids, t).as(Bundle.class);
        assertEquals(Set.of(SecuritySeed.idPart("A1")), b.getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart()).collect(Collectors.toSet()));
        assertEquals(404, Http.get("/fhir/kent/" + SecuritySeed.id("A1late"), t).status(), "10 days ahead");
        assertEquals(404, Http.get("/fhir/kent/" + SecuritySeed.id("A1past"), t).status(), "3 days ago");
        assertEquals(404, Http.get("/fhir/kent/" + SecuritySeed.id("A2"), t).status(), "a colleague's at another provider");
        // Another worker of the same provider sees none of worker-a1's visits.
        String colleague = TestIssuer.token().sub("worker-a2").org("PA1").orgType("provider").roles("care-worker").scope("system/*.rs").sign();
        assertEquals(0, Http.get("/fhir/kent/Appointment?_id=" + ids, colleague).as(Bundle.class).getTotal());
        assertEquals(404, Http.get("/fhir/kent/" + SecuritySeed.id("P1"), colleague).status());
    }

    @Test
    void anObjectionHidesThePersonFromThatPartyUntilWithdrawn() {
        IGenericClient council = GatewayServer.client("kent");
        Patient p = new Patient();
        p.addName().setFamily("Objector");
        String pid = council.create().resource(p).execute().getId().getIdPart();
        ServiceRequest order = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/" + pid));
        order.addPerformer(new Reference(SecuritySeed.id("ProvA")));
        String oid = council.create().resource(order).execute().getId().getIdPart();
        String t = Roles.PROVIDER.token();
        assertEquals(200, Http.get("/fhir/kent/Patient/" + pid, t).status());

        // An objection naming provider A (by its Organization).
        Consent k = new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(new Reference("Patient/" + pid))
                .setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        k.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        k.getProvision().setType(Consent.ConsentProvisionType.DENY).addActor()
                .setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)))
                .setReference(new Reference(SecuritySeed.id("ProvA")));
        String kid = council.create().resource(k).execute().getId().getIdPart();
        assertEquals(404, Http.get("/fhir/kent/Patient/" + pid, t).status());
        assertEquals(404, Http.get("/fhir/kent/ServiceRequest/" + oid, t).status());
        assertEquals(0, Http.get("/fhir/kent/ServiceRequest?_id=" + oid + "&_summary=count", t).as(Bundle.class).getTotal());
        assertEquals(200, Http.get("/fhir/kent/Patient/" + pid, Roles.COUNCIL.token()).status(), "the council still sees it");

        // Withdrawn: the provider sees the person again.
        k.setId(kid);
        k.setStatus(Consent.ConsentState.INACTIVE);
        council.update().resource(k).execute();
        assertEquals(200, Http.get("/fhir/kent/Patient/" + pid, t).status());
    }

    @Test
    void aProviderLosesAccessWhenThePackageMovesAfterTheGracePeriod() {
        IGenericClient council = GatewayServer.client("kent");
        Patient p = new Patient();
        String pid = council.create().resource(p).execute().getId().getIdPart();
        ServiceRequest order = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/" + pid));
        order.addPerformer(new Reference(SecuritySeed.id("ProvA")));
        String oid = council.create().resource(order).execute().getId().getIdPart();
        assertEquals(200, Http.get("/fhir/kent/Patient/" + pid, Roles.PROVIDER.token()).status());
        // Ended 20 days ago (grace is 14): gone.
        order.setId(oid);
        order.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED)
                .setOccurrence(new Period().setEnd(java.util.Date.from(java.time.Instant.now().minus(java.time.Duration.ofDays(20)))));
        council.update().resource(order).execute();
        assertEquals(404, Http.get("/fhir/kent/Patient/" + pid, Roles.PROVIDER.token()).status());
    }

    @Test
    void reportingExtractsArePseudonymisedAndHonourTheNationalOptOut() {
        IGenericClient council = GatewayServer.client("kent");
        String kept = council.create().resource(new Patient().setBirthDate(new java.util.GregorianCalendar(1941, 4, 3).getTime())
                .addAddress(new Address().setPostalCode("CT1 2AB")).addName(new HumanName().setFamily("Keptname")))
                .execute().getId().getIdPart();
        String out = council.create().resource(new Patient().addName(new HumanName().setFamily("Optedout"))).execute().getId().getIdPart();
        Consent optOut = SecuritySeed.objection("P1", "national-opt-out", null).setPatient(new Reference("Patient/" + out));
        council.create().resource(optOut).execute();
        for (String[] v : new String[][]{{kept, "visit-kept"}, {out, "visit-opted-out"}}) {
            Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
            a.addIdentifier().setSystem("urn:test:report").setValue(v[1]);
            a.addParticipant().setActor(new Reference("Patient/" + v[0]).setDisplay("Shown Name")).setStatus(Appointment.ParticipationStatus.ACCEPTED);
            council.create().resource(a).execute();
        }
        assertEquals(403, Http.get("/fhir/kent/$reporting-extract?type=Appointment", Roles.PROVIDER.token()).status());
        Http.Response r = Http.get("/fhir/kent/$reporting-extract?type=Appointment&_count=5000", Roles.COUNCIL.token());
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("visit-kept"));
        assertFalse(r.body().contains("visit-opted-out"), "the national data opt-out is honoured");
        assertFalse(r.body().contains("Shown Name"));
        assertFalse(r.body().contains("Patient/" + kept), "no patient ids, only pseudonyms");
        assertTrue(r.body().contains(ReportingExtract.PSEUDONYM_SYSTEM));

        Bundle people = Http.get("/fhir/kent/$reporting-extract?type=Patient&_count=5000", Roles.DPO.token()).as(Bundle.class);
        assertFalse(Http.json(people).contains("Keptname"));
        assertFalse(Http.json(people).contains("Optedout"));
        assertFalse(Http.json(people).contains("9990000001"), "no NHS numbers");
        Patient p = people.getEntry().stream().map(e -> (Patient) e.getResource())
                .filter(x -> x.hasAddress() && "CT1".equals(x.getAddressFirstRep().getPostalCode())).findFirst().orElseThrow();
        assertEquals("1941", p.getBirthDateElement().getValueAsString());
        assertTrue(redacted(p));
        assertEquals(ReportingExtract.PSEUDONYM_SYSTEM, p.getIdentifierFirstRep().getSystem());
    }
}
