package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A provider answers the offers made to it: it sees and updates the Tasks it owns, and the referral and person an
 * open offer is about, minimised (no access codes, no safeguarding, nothing else of the person) until the order is
 * placed with it; never another provider's offers.
 */
class OfferAccessTest {
    private static final IGenericClient council = GatewayServer.client("kent");

    private record Offer(String ods, String token, String org, String patient, String referral, String task) {}

    private static String create(Resource r) {
        return council.create().resource(r).execute().getId().getIdPart();
    }

    private static Offer offer() {
        String ods = "OF" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Organization o = new Organization().setName("Offer Care " + ods);
        o.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods);
        String org = create(o);
        Patient p = new Patient();
        p.addName().setFamily("Offered").addGiven("Person");
        p.addAddress().setPostalCode("ME9 9ZZ");
        String patient = create(p);
        ServiceRequest sr = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL).setSubject(new Reference("Patient/" + patient));
        sr.addSupportingInfo().setIdentifier(new Identifier().setSystem(Canonical.ACCESS_ARRANGEMENT_REF).setValue("code-" + ods));
        sr.addNote().setText("Help with meals");
        String referral = create(sr);
        Flag safeguarding = new Flag().setStatus(Flag.FlagStatus.ACTIVE)
                .setCode(new CodeableConcept(new Coding(SecuritySeed.RESTRICTED_FLAG, "safeguarding", null)));
        safeguarding.setSubject(new Reference("Patient/" + patient));
        create(safeguarding);
        String task = create(new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.PROPOSAL)
                .setFocus(new Reference("ServiceRequest/" + referral)).setFor(new Reference("Patient/" + patient))
                .setOwner(new Reference("Organization/" + org)));
        String token = TestIssuer.token().sub("office-" + ods).org(ods).orgType("provider").roles("provider-office")
                .scope("system/*.rs system/Task.cu").sign();
        return new Offer(ods, token, org, patient, referral, task);
    }

    @Test
    void aProviderSeesItsOpenOfferMinimisedAndAnswersIt() {
        Offer o = offer();
        Http.Response task = Http.get("/fhir/kent/Task/" + o.task(), o.token());
        assertEquals(200, task.status(), task.body());

        Http.Response referral = Http.get("/fhir/kent/ServiceRequest/" + o.referral(), o.token());
        assertEquals(200, referral.status(), referral.body());
        ServiceRequest sr = referral.as(ServiceRequest.class);
        assertFalse(sr.hasSupportingInfo(), "no access code before it is the assigned provider");
        assertFalse(referral.body().contains("code-" + o.ods()));
        assertEquals("Help with meals", sr.getNoteFirstRep().getText(), "the need itself is shown");
        assertTrue(Redactor.isRedacted(sr));
        assertEquals(200, Http.get("/fhir/kent/Patient/" + o.patient(), o.token()).status(), "the person the offer is about");
        Bundle flags = Http.get("/fhir/kent/Flag?subject=Patient/" + o.patient(), o.token()).as(Bundle.class);
        assertEquals(0, flags.getTotal(), "no flags, safeguarding least of all, for an offer");

        // It answers with its own token.
        Task answer = task.as(Task.class);
        answer.setStatus(Task.TaskStatus.ACCEPTED);
        Http.Response put = Http.send("PUT", "/fhir/kent/Task/" + o.task(), o.token(), Http.json(answer));
        assertEquals(200, put.status(), put.body());
        assertEquals(Task.TaskStatus.ACCEPTED, council.read().resource(Task.class).withId(o.task()).execute().getStatus());

        // The offer is no longer open: the referral and person go out of sight, the Task (its own) stays.
        assertEquals(404, Http.get("/fhir/kent/ServiceRequest/" + o.referral(), o.token()).status());
        assertEquals(404, Http.get("/fhir/kent/Patient/" + o.patient(), o.token()).status());
        assertEquals(200, Http.get("/fhir/kent/Task/" + o.task(), o.token()).status());
    }

    @Test
    void onceTheOrderIsPlacedWithItTheAssignedProviderGetsTheAccessCode() {
        Offer o = offer();
        ServiceRequest sr = council.read().resource(ServiceRequest.class).withId(o.referral()).execute();
        sr.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE).setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        sr.addPerformer(new Reference("Organization/" + o.org()));
        council.update().resource(sr).execute();
        Http.Response r = Http.get("/fhir/kent/ServiceRequest/" + o.referral(), o.token());
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("code-" + o.ods()), r.body());
    }

    @Test
    void anotherProvidersOfferIsNeitherSeenNorAnswered() {
        Offer mine = offer();
        Offer theirs = offer();
        for (String path : new String[]{"Task/" + theirs.task(), "ServiceRequest/" + theirs.referral(), "Patient/" + theirs.patient()}) {
            assertEquals(404, Http.get("/fhir/kent/" + path, mine.token()).status(), path);
        }
        Bundle search = Http.get("/fhir/kent/Task?_id=" + mine.task() + "," + theirs.task(), mine.token()).as(Bundle.class);
        assertEquals(1, search.getTotal());
        Task t = council.read().resource(Task.class).withId(theirs.task()).execute();
        t.setStatus(Task.TaskStatus.ACCEPTED);
        assertEquals(404, Http.send("PUT", "/fhir/kent/Task/" + theirs.task(), mine.token(), Http.json(t)).status());
        assertEquals(Task.TaskStatus.REQUESTED, council.read().resource(Task.class).withId(theirs.task()).execute().getStatus());

        // Nor may it re-point its own offer at someone else's referral.
        Task own = council.read().resource(Task.class).withId(mine.task()).execute();
        own.setFocus(new Reference("ServiceRequest/" + theirs.referral()));
        assertEquals(404, Http.send("PUT", "/fhir/kent/Task/" + mine.task(), mine.token(), Http.json(own)).status());
    }

    @Test
    void aPersonWhoObjectsToProvidersIsNotShownThroughAnOffer() {
        Offer o = offer();
        Consent k = SecuritySeed.objection("Patient/" + o.patient(), "provider", null);
        k.setPatient(new Reference("Patient/" + o.patient()));
        create(k);
        assertEquals(404, Http.get("/fhir/kent/Patient/" + o.patient(), o.token()).status());
        assertEquals(404, Http.get("/fhir/kent/ServiceRequest/" + o.referral(), o.token()).status());
        assertEquals(404, Http.get("/fhir/kent/Task/" + o.task(), o.token()).status());
    }
}
