package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class CapabilityAndTransactionTest {
    private final IGenericClient client = GatewayServer.client("kent");

    @Test
    void capabilityStatementListsExactlyWhatIsSupported() {
        CapabilityStatement cs = client.capabilities().ofType(CapabilityStatement.class).execute();
        Set<String> types = cs.getRestFirstRep().getResource().stream()
                .map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType).collect(Collectors.toSet());
        Set<String> served = Set.of("Patient", "Organization", "Practitioner", "PractitionerRole", "CarePlan",
                "ServiceRequest", "Appointment", "Encounter", "Task", "Consent", "Communication", "Flag", "Subscription");
        assertTrue(types.containsAll(served), types.toString());
        // Beyond the stored types, only conformance resources the server itself publishes, and the audit log
        // (AuditEvent, read-only and for the DPO only: see security/AccessPolicy).
        Set<String> extra = new java.util.HashSet<>(types);
        extra.removeAll(served);
        assertTrue(Set.of("OperationDefinition", "StructureDefinition", "CodeSystem", "ValueSet", "SearchParameter", "CapabilityStatement",
                "MessageDefinition", "AuditEvent").containsAll(extra), extra.toString());
        var appt = cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Appointment")).findFirst().orElseThrow();
        Set<String> params = appt.getSearchParam().stream().map(p -> p.getName()).collect(Collectors.toSet());
        assertTrue(params.containsAll(List.of("_id", "_lastUpdated", "identifier", "patient", "actor", "status", "date", "based-on")), params.toString());
        assertTrue(appt.getSearchInclude().stream().anyMatch(i -> i.getValue().equals("Appointment:patient")));
        assertTrue(appt.getConditionalCreate());
    }

    @Test
    void transactionRewritesReferencesAndIsAllOrNothing() {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient p = new Patient();
        p.addIdentifier().setSystem("urn:test:tx").setValue("tx-person");
        tx.addEntry().setFullUrl("urn:uuid:0b1f3c38-0000-4000-8000-000000000001").setResource(p)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        a.addParticipant().setActor(new Reference("urn:uuid:0b1f3c38-0000-4000-8000-000000000001"))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        tx.addEntry().setResource(a).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Appointment");
        Bundle resp = client.transaction().withBundle(tx).execute();
        String patientLocation = resp.getEntry().get(0).getResponse().getLocation();
        String apptLocation = resp.getEntry().get(1).getResponse().getLocation();
        assertTrue(patientLocation.startsWith("Patient/"));
        Appointment stored = client.read().resource(Appointment.class).withUrl(apptLocation).execute();
        assertEquals(new IdType(patientLocation).toUnqualifiedVersionless().getValue(),
                stored.getParticipantFirstRep().getActor().getReference());

        // A transaction whose second entry fails leaves nothing behind.
        Bundle bad = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient q = new Patient();
        q.addIdentifier().setSystem("urn:test:tx").setValue("must-not-exist");
        bad.addEntry().setResource(q).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Patient wrongId = new Patient();
        wrongId.setId("abc");
        bad.addEntry().setResource(wrongId).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/xyz");
        BaseServerResponseException e = assertThrows(BaseServerResponseException.class,
                () -> client.transaction().withBundle(bad).execute());
        assertEquals(400, e.getStatusCode());
        assertTrue(e.getMessage().contains("Bundle.entry[1]"), e.getMessage());
        assertEquals(0, client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("urn:test:tx", "must-not-exist"))
                .returnBundle(Bundle.class).execute().getTotal());
    }

    @Test
    void batchAppliesGoodEntriesAndReportsBadOnes() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        Patient good = new Patient();
        good.addIdentifier().setSystem("urn:test:batch").setValue("good");
        batch.addEntry().setResource(good).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Patient/never-existed");
        Bundle resp = client.transaction().withBundle(batch).execute();
        assertEquals("201 Created", resp.getEntry().get(0).getResponse().getStatus());
        assertTrue(resp.getEntry().get(1).getResponse().getStatus().startsWith("404"));
        assertEquals(1, client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("urn:test:batch", "good"))
                .returnBundle(Bundle.class).execute().getTotal());
    }
}
