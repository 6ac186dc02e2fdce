package org.carebridge.gateway.ecm;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.MovableClocks;
import org.carebridge.gateway.routes.AdminClient;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The missed-visit alert survives a whole-gateway restart: a visit is planned, the gateway is stopped (its whole
 * ApplicationContext: Jetty, Camel, pool, embedded PostgreSQL) and a new one is started in this JVM on the same
 * data, with its clock past the visit's missed threshold as if the gateway had been down meanwhile. The new
 * gateway's own scheduled check raises the alert, read over FHIR exactly once; after another restart, later
 * still, the check raises nothing more for it. A visit checked in to before the restart is never alerted.
 */
class MissedVisitAfterRestartTest {
    static final String T = "kent";
    static final String ODS = "MR1";

    @Test
    void missedVisitAlertIsRaisedOnceAcrossWholeGatewayRestarts() {
        GatewayServer.start();
        IGenericClient council = GatewayServer.client(T);
        IGenericClient provider = GatewayServer.client(T, EcmEndToEndTest.providerToken(ODS));
        String org = council.create().resource(EcmEndToEndTest.org(ODS, "Restart Care")).execute().getId().getIdPart();
        Patient p = new Patient();
        p.addIdentifier().setSystem(Canonical.MOSAIC_PERSON).setValue("MR-P1");
        String patient = council.create().resource(p).execute().getId().getIdPart();
        String order = council.create().resource(EcmEndToEndTest.order("SDO-MR1", patient, org)).execute().getId().getIdPart();

        // Two visits an hour from the gateway's now; Kent misses a visit not started within 2 h.
        Instant now = GatewayServer.start().getApplicationContext().getBean(EcmClock.class).now();
        Instant start = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        Bundle rota = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        rota.addEntry(EcmEndToEndTest.entry(EcmEndToEndTest.plannedVisit("MR-V1", order, patient, start)));
        rota.addEntry(EcmEndToEndTest.entry(EcmEndToEndTest.plannedVisit("MR-V2", order, patient, start)));
        provider.transaction().withBundle(rota).execute();
        // MR-V2 is checked in to (an actual visit posted over FHIR): it is never missed.
        Encounter e = new Encounter();
        e.addIdentifier().setSystem(Canonical.ECM_VISIT).setValue("MR-V2");
        e.setSubject(new Reference("Patient/" + patient));
        e.addParticipant().setIndividual(new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                .setSystem("https://vendor.example/staff").setValue("MR-CW1"))).setPeriod(new Period().setStart(Date.from(now)));
        provider.create().resource(e).execute();
        assertEquals(0, alerts(council, "kent/MR-V1/missed-visit").size(), "not missed yet");

        // Down for 4 hours: the new gateway starts with its clock past the threshold, its check running often.
        long ahead = ((MovableClocks.Ecm) GatewayServer.start().getApplicationContext().getBean(EcmClock.class))
                .time.offset().plusHours(4).toSeconds();
        GatewayServer.restart(Map.of("carebridge.test.ecm-clock-offset-seconds", ahead,
                "carebridge.ecm.missed-check-initial-delay", "200ms", "carebridge.ecm.missed-check-interval", "300ms"));
        AdminClient.await("the restarted gateway's check raises the alert",
                () -> alerts(council, "kent/MR-V1/missed-visit").size() == 1);
        assertEquals("noshow", EcmEndToEndTest.appointment(council, "MR-V1").getStatus().toCode());
        Task alert = alerts(provider, "kent/MR-V1/missed-visit").get(0);
        assertEquals("missed-visit", alert.getCode().getCodingFirstRep().getCode(), "the provider sees it too");
        assertEquals("arrived", EcmEndToEndTest.appointment(council, "MR-V2").getStatus().toCode());

        // Another restart, later still (the scheduled check back to its test interval; this test ticks it).
        GatewayServer.restart(Map.of("carebridge.test.ecm-clock-offset-seconds", ahead + 3600));
        List<Task> raised = GatewayServer.start().getApplicationContext().getBean(MissedVisitScheduler.class).tick(T);
        assertTrue(raised.stream().noneMatch(t -> t.getIdentifierFirstRep().getValue().startsWith("kent/MR-V")), raised.toString());
        assertEquals(1, alerts(council, "kent/MR-V1/missed-visit").size(), "exactly once over both restarts");
        assertEquals(0, alerts(council, "kent/MR-V2/missed-visit").size());
    }

    static List<Task> alerts(IGenericClient c, String key) {
        return EcmEndToEndTest.alerts(c, key);
    }
}
