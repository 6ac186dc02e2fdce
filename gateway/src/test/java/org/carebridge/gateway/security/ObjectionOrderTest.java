package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** An objection to sharing with a named party holds whatever the order of writes and however the party is named. */
class ObjectionOrderTest {
    private static final IGenericClient council = GatewayServer.client("kent");

    private static String create(Resource r) {
        return council.create().resource(r).execute().getId().getIdPart();
    }

    private static String person() {
        Patient p = new Patient();
        p.addName().setFamily("Objector");
        return create(p);
    }

    private static void order(String patient, Reference performer) {
        ServiceRequest sr = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/" + patient));
        sr.addPerformer(performer);
        create(sr);
    }

    private static void objects(String patient, Reference party) {
        Consent k = new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(new Reference("Patient/" + patient))
                .setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        k.getProvision().setType(Consent.ConsentProvisionType.DENY);
        k.getProvision().addActor().setReference(party)
                .setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null)));
        create(k);
    }

    private static Set<String> visiblePeople(String ods, String... ids) {
        String token = TestIssuer.token().sub("office-" + ods).org(ods).orgType("provider").roles("provider-office")
                .scope("system/*.rs").sign();
        Http.Response r = Http.get("/fhir/kent/Patient?_id=" + String.join(",", ids), token);
        assertEquals(200, r.status(), r.body());
        return r.as(Bundle.class).getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).collect(Collectors.toSet());
    }

    private static String ods() {
        return "OB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    @Test
    void anObjectionWrittenBeforeTheOrganizationExistsHoldsOnceItIsWritten() {
        String ods = ods();
        String orgId = "org-" + UUID.randomUUID();
        String objector = person(), other = person();
        objects(objector, new Reference("Organization/" + orgId));
        order(objector, new Reference("Organization/" + orgId));
        order(other, new Reference("Organization/" + orgId));
        Organization org = new Organization().setName("Late Care");
        org.setId(orgId);
        org.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods);
        council.update().resource(org).execute(); // update-as-create with the id the others already named
        assertEquals(Set.of(other), visiblePeople(ods, objector, other));
    }

    @Test
    void anObjectionFollowsTheOrganizationsOdsCodeWhenItChanges() {
        String ods = ods(), renamed = ods();
        Organization org = new Organization().setName("Renamed Care");
        org.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods);
        String orgId = create(org);
        String objector = person(), other = person();
        objects(objector, new Reference("Organization/" + orgId));
        order(objector, new Reference("Organization/" + orgId));
        order(other, new Reference("Organization/" + orgId));
        assertEquals(Set.of(other), visiblePeople(ods, objector, other));
        org.setId(orgId);
        org.getIdentifierFirstRep().setValue(renamed);
        council.update().resource(org).execute();
        assertEquals(Set.of(other), visiblePeople(renamed, objector, other));
    }

    @Test
    void anObjectionNamingThePartyByOdsIdentifierHoldsWithNoOrganizationResource() {
        String ods = ods();
        Reference byCode = new Reference().setIdentifier(new Identifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods));
        String objector = person(), other = person();
        objects(objector, byCode);
        order(objector, byCode.copy());
        order(other, byCode.copy());
        assertEquals(Set.of(other), visiblePeople(ods, objector, other));
        // Written later, the Organization changes nothing about the objection.
        Organization org = new Organization().setName("Coded Care");
        org.addIdentifier().setSystem(Canonical.ODS_ORGANIZATION).setValue(ods);
        create(org);
        assertEquals(Set.of(other), visiblePeople(ods, objector, other));
    }
}
