package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PreferReturnEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CrudAndVersionsTest {
    private final IGenericClient client = GatewayServer.client("kent");

    private static Patient person(String nhs, String family) {
        Patient p = new Patient();
        p.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(nhs);
        p.addName().setFamily(family).addGiven("Ada");
        p.setBirthDateElement(new DateType("1941-03-02"));
        return p;
    }

    @Test
    void createReadUpdateVreadHistoryDelete() {
        MethodOutcome created = client.create().resource(person("9000000009", "Lovelace")).execute();
        assertTrue(created.getCreated());
        IdType id = (IdType) created.getId();
        assertEquals("1", id.getVersionIdPart());

        Patient read = client.read().resource(Patient.class).withId(id.getIdPart()).execute();
        assertEquals("Lovelace", read.getNameFirstRep().getFamily());
        assertEquals("1", read.getMeta().getVersionId());
        assertNotNull(read.getMeta().getLastUpdated());

        read.getNameFirstRep().setFamily("King");
        MethodOutcome updated = client.update().resource(read).execute();
        assertEquals("2", updated.getId().getVersionIdPart());

        Patient v1 = client.read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "1").execute();
        assertEquals("Lovelace", v1.getNameFirstRep().getFamily());
        Patient v2 = client.read().resource(Patient.class).withId(id.getIdPart()).execute();
        assertEquals("King", v2.getNameFirstRep().getFamily());

        Bundle history = client.history().onInstance(id.toUnqualifiedVersionless()).returnBundle(Bundle.class).execute();
        assertEquals(2, history.getTotal());
        assertEquals(Bundle.BundleType.HISTORY, history.getType());
        assertEquals("2", history.getEntryFirstRep().getResource().getMeta().getVersionId(), "newest first");

        client.delete().resourceById(id.toUnqualifiedVersionless()).execute();
        assertThrows(ResourceGoneException.class,
                () -> client.read().resource(Patient.class).withId(id.getIdPart()).execute());
        // Earlier versions stay readable after a delete.
        assertEquals("King", client.read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "2").execute()
                .getNameFirstRep().getFamily());
        Bundle afterDelete = client.history().onInstance(id.toUnqualifiedVersionless()).returnBundle(Bundle.class).execute();
        assertEquals(3, afterDelete.getTotal());
        assertEquals(Bundle.HTTPVerb.DELETE, afterDelete.getEntryFirstRep().getRequest().getMethod());
    }

    @Test
    void ifMatchWithStaleVersionIs412() {
        IdType id = (IdType) client.create().resource(person("9000000017", "Stale")).execute().getId();
        Patient p = client.read().resource(Patient.class).withId(id.getIdPart()).execute();
        p.setGender(Enumerations.AdministrativeGender.FEMALE);
        client.update().resource(p).withId(id.getIdPart()).execute(); // now version 2

        p.setId(id.withVersion("1"));
        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> client.update().resource(p).withId(id.withVersion("1")).execute());
        assertTrue(e.getMessage().contains("If-Match"), e.getMessage());

        p.setId(id.withVersion("2"));
        assertEquals("3", client.update().resource(p).withId(id.withVersion("2")).execute().getId().getVersionIdPart());
    }

    @Test
    void preferReturnMinimalAndRepresentation() {
        MethodOutcome minimal = client.create().resource(person("9000000025", "Minimal"))
                .prefer(PreferReturnEnum.MINIMAL).execute();
        assertNull(minimal.getResource());
        assertNotNull(minimal.getId());

        MethodOutcome full = client.create().resource(person("9000000033", "Full"))
                .prefer(PreferReturnEnum.REPRESENTATION).execute();
        assertEquals("Full", ((Patient) full.getResource()).getNameFirstRep().getFamily());
    }

    @Test
    void updateCreatesWithClientIdAndUnknownIdIs404() {
        Patient p = person("9000000041", "Client");
        p.setId("client-chosen-1");
        MethodOutcome mo = client.update().resource(p).execute();
        assertTrue(mo.getCreated());
        assertEquals("client-chosen-1", mo.getId().getIdPart());
        assertThrows(ResourceNotFoundException.class,
                () -> client.read().resource(Patient.class).withId("does-not-exist").execute());
    }

    @Test
    void everyServedTypeRoundTrips() {
        Organization org = new Organization().setName("Acme Home Care");
        org.addIdentifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("ABC12");
        IdType orgId = (IdType) client.create().resource(org).execute().getId();
        IdType pid = (IdType) client.create().resource(person("9000000068", "Types")).execute().getId();
        Reference subject = new Reference("Patient/" + pid.getIdPart());
        java.util.List<Resource> all = java.util.List.of(
                new Practitioner().addName(new HumanName().setFamily("Worker")),
                new PractitionerRole().setOrganization(new Reference("Organization/" + orgId.getIdPart())),
                new CarePlan().setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN).setSubject(subject),
                new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                        .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(subject),
                new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                        .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HH", "home health")).setSubject(subject),
                new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER).setFor(subject),
                new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(subject),
                new Communication().setStatus(Communication.CommunicationStatus.COMPLETED).setSubject(subject),
                new Flag().setStatus(Flag.FlagStatus.ACTIVE).setSubject(subject).setCode(new CodeableConcept().setText("restricted")));
        for (Resource r : all) {
            IdType id = (IdType) client.create().resource(r).execute().getId();
            Resource back = (Resource) client.read().resource(r.getClass()).withId(id.getIdPart()).execute();
            assertEquals(r.fhirType(), back.fhirType());
            assertEquals(id.getIdPart(), back.getIdElement().getIdPart());
        }
    }
}
