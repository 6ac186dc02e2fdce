package org.carebridge.gateway.security;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Date;

import static org.junit.jupiter.api.Assertions.*;

/** Writes, Bundles, conditional operations and the search features that could leak (chains, reverse chains). */
class WriteAccessTest {
    @BeforeAll
    static void seed() {
        SecuritySeed.ensure();
    }

    private static String visit(String patient, String order) {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.PROPOSED).setStart(new Date()).setEnd(new Date());
        a.addParticipant().setActor(new Reference(SecuritySeed.id(patient))).setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        if (order != null) a.addBasedOn(new Reference(SecuritySeed.id(order)));
        return Http.json(a);
    }

    @Test
    void aProviderWritesVisitsOnlyForItsOwnPeopleAndOrders() {
        String t = Roles.PROVIDER.token();
        Http.Response ok = Http.send("POST", "/fhir/kent/Appointment", t, visit("P1", "O1"));
        assertEquals(201, ok.status(), ok.body());
        // Someone else's person, or one's own person under someone else's order: as if they did not exist.
        Http.Response other = Http.send("POST", "/fhir/kent/Appointment", t, visit("P2", null));
        assertEquals(404, other.status(), other.body());
        assertTrue(other.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics()
                .equals("Resource " + SecuritySeed.id("P2") + " is not known"));
        assertEquals(404, Http.send("POST", "/fhir/kent/Appointment", t, visit("P1", "O2")).status());
        assertEquals(404, Http.send("POST", "/fhir/kent/Appointment", t, visit("P3", "O3")).status(), "order ended long ago");
        // Updating a visit one cannot see, even with a body about one's own person.
        String a2 = SecuritySeed.idPart("A2");
        Appointment hijack = (Appointment) org.carebridge.gateway.GatewayServer.ctx().newJsonParser().parseResource(visit("P1", "O1"));
        hijack.setId(a2);
        Http.Response upd = Http.send("PUT", "/fhir/kent/Appointment/" + a2, t, Http.json(hijack));
        assertEquals(404, upd.status(), upd.body());
        // Types a provider never writes.
        assertEquals(403, Http.send("POST", "/fhir/kent/Patient", t, "{\"resourceType\":\"Patient\"}").status());
        assertEquals(403, Http.send("DELETE", "/fhir/kent/Appointment/" + SecuritySeed.idPart("A1"), t, null).status());
    }

    @Test
    void conditionalOperationsAndBundlesAreForCouncilSystemsOnly() {
        String t = Roles.PROVIDER.token();
        Http.Response cond = Http.send("POST", "/fhir/kent/Appointment", t, visit("P1", "O1"));
        assertEquals(201, cond.status());
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(org.carebridge.gateway.GatewayServer.baseUrl()
                        + "/fhir/kent/Appointment")).header("Authorization", "Bearer " + t)
                .header("Content-Type", "application/fhir+json").header("If-None-Exist", "identifier=x|y")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(visit("P1", "O1"))).build();
        try {
            assertEquals(403, java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertEquals(403, Http.send("PUT", "/fhir/kent/Appointment?identifier=x%7Cy", t, visit("P1", "O1")).status());
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().setResource(new ServiceRequest()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ServiceRequest");
        assertEquals(403, Http.send("POST", "/fhir/kent", t, Http.json(batch)).status());
        assertEquals(403, Http.send("POST", "/fhir/kent", Roles.HOSPITAL.token(), Http.json(batch.setType(Bundle.BundleType.TRANSACTION))).status());
    }

    @Test
    void councilBatchEntriesStillNeedTheScope() {
        String readOnly = TestIssuer.token().scope("system/*.rs").sign();
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().setResource(new org.hl7.fhir.r4.model.Patient().setActive(true)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Http.Response r = Http.send("POST", "/fhir/kent", readOnly, Http.json(batch));
        assertEquals(200, r.status(), r.body());
        Bundle out = r.as(Bundle.class);
        assertTrue(out.getEntryFirstRep().getResponse().getStatus().startsWith("403"), r.body());
    }

    @Test
    void aCareWorkerWritesNothing() {
        assertEquals(403, Http.send("POST", "/fhir/kent/Appointment", Roles.CARE_WORKER.token(), visit("P1", "O1")).status());
    }

    @Test
    void aHospitalRefersOnlyAsItself() {
        String t = Roles.HOSPITAL.token();
        ServiceRequest own = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference(SecuritySeed.id("P6")))
                .setRequester(new Reference(SecuritySeed.id("Hosp")));
        assertEquals(201, Http.send("POST", "/fhir/kent/ServiceRequest", t, Http.json(own)).status());
        own.setRequester(new Reference(SecuritySeed.id("ProvA")));
        assertEquals(403, Http.send("POST", "/fhir/kent/ServiceRequest", t, Http.json(own)).status());
        own.setRequester(new Reference(SecuritySeed.id("Hosp"))).setSubject(new Reference(SecuritySeed.id("P1")));
        assertEquals(404, Http.send("POST", "/fhir/kent/ServiceRequest", t, Http.json(own)).status(), "a person it never referred");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Appointment?patient.name=Person1", "Patient?_has:Appointment:patient:status=booked",
            "Patient?_revinclude=Appointment:patient", "Appointment?_include=Appointment:patient:Patient&patient:missing=false&_include:iterate=Patient:general-practitioner"})
    void searchFeaturesThatCouldLeakAreRefused(String query) {
        Http.Response r = Http.get("/fhir/kent/" + query, Roles.PROVIDER.token());
        assertEquals(400, r.status(), query + " " + r.body());
    }
}
