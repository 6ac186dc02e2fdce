package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TenantIsolationTest {
    private final IGenericClient kent = GatewayServer.client("kent");
    private final IGenericClient lbhf = GatewayServer.client("lbhf");

    @Test
    void whatKentHoldsIsInvisibleToHammersmithAndFulham() {
        Patient p = new Patient();
        p.addIdentifier().setSystem("urn:test:isolation").setValue("only-kent");
        String id = kent.create().resource(p).execute().getId().getIdPart();
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        a.addParticipant().setActor(new Reference("Patient/" + id)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        String apptId = kent.create().resource(a).execute().getId().getIdPart();

        assertThrows(ResourceNotFoundException.class, () -> lbhf.read().resource(Patient.class).withId(id).execute());
        assertThrows(ResourceNotFoundException.class, () -> lbhf.read().resource(Appointment.class).withId(apptId).execute());
        assertThrows(ResourceNotFoundException.class, () -> lbhf.history().onInstance(new IdType("Patient", id))
                .returnBundle(Bundle.class).execute());

        Bundle search = lbhf.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("urn:test:isolation", "only-kent")).returnBundle(Bundle.class).execute();
        assertEquals(0, search.getTotal());
        assertTrue(search.getEntry().isEmpty());
        Bundle count = lbhf.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + id))
                .summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute();
        assertEquals(0, count.getTotal());

        // Writing the same id under lbhf makes a separate resource; kent's stays as it was.
        Patient other = new Patient();
        other.setId(id);
        other.addName().setFamily("Different council");
        assertTrue(lbhf.update().resource(other).execute().getCreated());
        assertFalse(kent.read().resource(Patient.class).withId(id).execute().hasName());

        assertEquals(1, kent.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode("urn:test:isolation", "only-kent"))
                .returnBundle(Bundle.class).execute().getTotal());
    }
}
