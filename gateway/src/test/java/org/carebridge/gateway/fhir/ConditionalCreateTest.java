package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

class ConditionalCreateTest {
    private static final String NHS = "https://fhir.nhs.uk/Id/nhs-number";
    private final IGenericClient client = GatewayServer.client("kent");

    @Test
    void twentyConcurrentIdenticalConditionalCreatesMakeOneResource() throws Exception {
        String criteria = "identifier=" + NHS + "|9434765919";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<MethodOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<MethodOutcome> call = () -> {
                Patient p = new Patient();
                p.addIdentifier().setSystem(NHS).setValue("9434765919");
                p.addName().setFamily("Concurrent");
                go.await();
                return GatewayServer.client("kent").create().resource(p).conditionalByUrl("Patient?" + criteria).execute();
            };
            results.add(pool.submit(call));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<MethodOutcome> f : results) {
            MethodOutcome mo = f.get();
            ids.add(mo.getId().getIdPart());
            if (Boolean.TRUE.equals(mo.getCreated())) created++;
        }
        pool.shutdown();
        assertEquals(1, ids.size(), "every caller gets the same resource");
        assertEquals(1, created, "exactly one create happened");
        Bundle found = client.search().forResource(Patient.class).where(Patient.IDENTIFIER.exactly().systemAndCode(NHS, "9434765919"))
                .returnBundle(Bundle.class).execute();
        assertEquals(1, found.getTotal());
    }

    @Test
    void conditionalUpdateCreatesThenUpdatesAndRefusesAmbiguity() {
        String url = "Patient?identifier=" + NHS + "|9876543210";
        Patient p = new Patient();
        p.addIdentifier().setSystem(NHS).setValue("9876543210");
        MethodOutcome first = client.update().resource(p).conditionalByUrl(url).execute();
        assertTrue(first.getCreated());
        p.addName().setFamily("Second");
        MethodOutcome second = client.update().resource(p).conditionalByUrl(url).execute();
        assertEquals(first.getId().getIdPart(), second.getId().getIdPart());
        assertEquals("2", second.getId().getVersionIdPart());

        // Two people share a family name: a conditional update on it is ambiguous.
        for (int i = 0; i < 2; i++) {
            Patient twin = new Patient();
            twin.addIdentifier().setSystem("urn:test:ambiguous").setValue("same");
            client.create().resource(twin).execute();
        }
        assertThrows(PreconditionFailedException.class, () -> client.update().resource(new Patient())
                .conditionalByUrl("Patient?identifier=urn:test:ambiguous|same").execute());
    }
}
