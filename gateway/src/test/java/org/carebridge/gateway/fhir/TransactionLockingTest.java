package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A transaction locks all its update targets up front and keeps their state in step with its own writes: new and
 * existing resources get the right versions, one written twice in the same Bundle ends at its last version, and a
 * failing entry still undoes everything.
 */
class TransactionLockingTest {
    private static final IGenericClient client = GatewayServer.client("kent");

    private static Patient patient(String id, String family) {
        Patient p = new Patient();
        p.setId(id);
        p.addName().setFamily(family);
        return p;
    }

    private static void put(Bundle tx, Patient p) {
        tx.addEntry().setResource(p).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + p.getIdPart());
    }

    @Test
    void versionsFollowEveryWriteOfTheBundle() {
        client.update().resource(patient("tl-existing", "Before")).execute();
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        put(tx, patient("tl-new", "New"));
        put(tx, patient("tl-existing", "After"));
        put(tx, patient("tl-twice", "First"));
        put(tx, patient("tl-twice", "Second"));
        Bundle resp = client.transaction().withBundle(tx).execute();
        assertEquals("201 Created", resp.getEntry().get(0).getResponse().getStatus());
        assertEquals("200 OK", resp.getEntry().get(1).getResponse().getStatus());
        assertEquals("W/\"2\"", resp.getEntry().get(3).getResponse().getEtag());

        assertEquals("1", client.read().resource(Patient.class).withId("tl-new").execute().getMeta().getVersionId());
        Patient existing = client.read().resource(Patient.class).withId("tl-existing").execute();
        assertEquals("2", existing.getMeta().getVersionId());
        assertEquals("After", existing.getNameFirstRep().getFamily());
        Patient twice = client.read().resource(Patient.class).withId("tl-twice").execute();
        assertEquals("2", twice.getMeta().getVersionId());
        assertEquals("Second", twice.getNameFirstRep().getFamily());
        Bundle history = client.history().onInstance("Patient/tl-twice").returnBundle(Bundle.class).execute();
        assertEquals(2, history.getTotal());
    }

    @Test
    void aFailingEntryUndoesTheLockedWrites() {
        client.update().resource(patient("tl-kept", "Kept")).execute();
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        put(tx, patient("tl-kept", "Changed"));
        put(tx, patient("tl-never", "Never"));
        // A body whose id is not the URL's fails, and with it the whole transaction.
        tx.addEntry().setResource(patient("tl-other", "Mismatch")).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient/tl-kept");
        assertThrows(Exception.class, () -> client.transaction().withBundle(tx).execute());
        Patient kept = client.read().resource(Patient.class).withId("tl-kept").execute();
        assertEquals("1", kept.getMeta().getVersionId());
        assertEquals("Kept", kept.getNameFirstRep().getFamily());
        assertThrows(Exception.class, () -> client.read().resource(Patient.class).withId("tl-never").execute());
    }
}
