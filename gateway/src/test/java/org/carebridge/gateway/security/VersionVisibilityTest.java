package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.carebridge.gateway.GatewayServer;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * vread and {@code _history}: an earlier version is shown only if the caller could have seen that version's own
 * content (the same relationship rule, applied to the version); otherwise it answers exactly as a version that
 * never existed, and history totals count only what is shown.
 */
class VersionVisibilityTest {
    private static final IGenericClient council = GatewayServer.client("kent");

    @BeforeAll
    static void seed() {
        SecuritySeed.ensure();
    }

    private static String create(Resource r) {
        return council.create().resource(r).execute().getId().getIdPart();
    }

    private static void update(Resource r) {
        council.update().resource(r).execute();
    }

    private static Appointment visit(String patient, String order, String worker, Instant start) {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED)
                .setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        a.addBasedOn(SecuritySeed.ref(order));
        a.addParticipant().setActor(SecuritySeed.ref(patient)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(SecuritySeed.ref(worker)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return a;
    }

    private static List<String> versionsIn(Http.Response history) {
        assertEquals(200, history.status(), history.body());
        return history.as(Bundle.class).getEntry().stream().map(e -> e.getResource().getMeta().getVersionId()).toList();
    }

    private static void assertLikeMissingVersion(Http.Response r, String type, String id, int version) {
        assertEquals(404, r.status(), r.body());
        Http.Response missing = Http.get("/fhir/kent/" + type + "/" + id + "/_history/99", Roles.COUNCIL.token());
        assertEquals(404, missing.status());
        assertEquals(missing.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics().replace("/99", "/" + version),
                r.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics());
        assertFalse(r.body().contains("Person"));
    }

    @Test
    void aVisitMovedFromAnotherProvidersPersonShowsOnlyItsVisibleVersions() {
        // v1: Provider B's person and order; v2: moved to Provider A's person and order.
        Appointment a = visit("P2", "O2", "W2", Instant.now().plus(Duration.ofDays(1)));
        String id = create(a);
        Appointment moved = visit("P1", "O1", "W1", Instant.now().plus(Duration.ofDays(1)));
        moved.setId(id);
        update(moved);
        String path = "/fhir/kent/Appointment/" + id;

        assertEquals(200, Http.get(path, Roles.PROVIDER.token()).status());
        assertEquals(200, Http.get(path + "/_history/2", Roles.PROVIDER.token()).status());
        assertLikeMissingVersion(Http.get(path + "/_history/1", Roles.PROVIDER.token()), "Appointment", id, 1);
        Http.Response history = Http.get(path + "/_history", Roles.PROVIDER.token());
        assertEquals(List.of("2"), versionsIn(history));
        assertEquals(1, history.as(Bundle.class).getTotal(), "the total counts visible versions only");
        assertFalse(history.body().contains(SecuritySeed.idPart("P2")), "nothing of the other provider's person");
        // Paging a filtered history: one visible version, one page, no next link.
        Bundle page = Http.get(path + "/_history?_count=1", Roles.PROVIDER.token()).as(Bundle.class);
        assertEquals(1, page.getTotal());
        assertNull(page.getLink("next"));

        // The council sees every version; the worker sees only the version on its own visits.
        assertEquals(List.of("2", "1"), versionsIn(Http.get(path + "/_history", Roles.COUNCIL.token())));
        assertEquals(200, Http.get(path + "/_history/1", Roles.COUNCIL.token()).status());
        assertEquals(List.of("2"), versionsIn(Http.get(path + "/_history", Roles.CARE_WORKER.token())));
        assertLikeMissingVersion(Http.get(path + "/_history/1", Roles.CARE_WORKER.token()), "Appointment", id, 1);
    }

    @Test
    void aVisitOutsideTheWorkersWindowInAnEarlierVersionIsNotShown() {
        Appointment a = visit("P1", "O1", "W1", Instant.now().plus(Duration.ofDays(20)));
        String id = create(a);
        a.setId(id);
        a.setStart(Date.from(Instant.now().plus(Duration.ofDays(2)))).setEnd(Date.from(Instant.now().plus(Duration.ofDays(2)).plusSeconds(1800)));
        update(a);
        String path = "/fhir/kent/Appointment/" + id;
        assertEquals(List.of("2"), versionsIn(Http.get(path + "/_history", Roles.CARE_WORKER.token())));
        // Its office, which sees every visit on its orders, sees both versions.
        assertEquals(List.of("2", "1"), versionsIn(Http.get(path + "/_history", Roles.PROVIDER.token())));
    }

    @Test
    void anOrderOnceWithAnotherProviderHidesThatVersion() {
        ServiceRequest sr = new ServiceRequest().setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER).setSubject(SecuritySeed.ref("P1"));
        sr.addPerformer(SecuritySeed.ref("ProvB"));
        String id = create(sr);
        sr.setId(id);
        sr.getPerformer().clear();
        sr.addPerformer(SecuritySeed.ref("ProvA"));
        update(sr);
        String path = "/fhir/kent/ServiceRequest/" + id;
        assertEquals(List.of("2"), versionsIn(Http.get(path + "/_history", Roles.PROVIDER.token())));
        assertLikeMissingVersion(Http.get(path + "/_history/1", Roles.PROVIDER.token()), "ServiceRequest", id, 1);
        assertEquals(List.of("2", "1"), versionsIn(Http.get(path + "/_history", Roles.COUNCIL.token())));
    }

    @Test
    void aFlagOnceSafeguardingStaysHiddenInItsHistory() {
        Flag f = new Flag().setStatus(Flag.FlagStatus.ACTIVE)
                .setCode(new CodeableConcept(new Coding(SecuritySeed.RESTRICTED_FLAG, "safeguarding", null)));
        f.setSubject(SecuritySeed.ref("P1"));
        String id = create(f);
        f.setId(id);
        f.setCode(new CodeableConcept(new Coding(SecuritySeed.RESTRICTED_FLAG, "key-safe", null)));
        update(f);
        String path = "/fhir/kent/Flag/" + id;
        assertEquals(200, Http.get(path, Roles.PROVIDER.token()).status(), "the current flag is not safeguarding");
        assertEquals(List.of("2"), versionsIn(Http.get(path + "/_history", Roles.PROVIDER.token())));
        Http.Response v1 = Http.get(path + "/_history/1", Roles.PROVIDER.token());
        assertLikeMissingVersion(v1, "Flag", id, 1);
        assertFalse(v1.body().contains("safeguarding"));
    }

    @Test
    void aPersonsEarlierVersionsAreTheSamePersonAndStayVisible() {
        Patient p = Http.get("/fhir/kent/" + SecuritySeed.id("P4"), Roles.COUNCIL.token()).as(Patient.class);
        p.getAddressFirstRep().setCity("Maidstone");
        update(p);
        List<String> versions = versionsIn(Http.get("/fhir/kent/" + SecuritySeed.id("P4") + "/_history", Roles.PROVIDER.token()));
        assertTrue(versions.size() >= 2, versions.toString());
    }

    @Test
    void historyReadsAlongsideWritesOfTheSameResourceNeitherFailNorLeak() throws Exception {
        Appointment a = visit("P2", "O2", "W2", Instant.now().plus(Duration.ofDays(1)));
        String id = create(a);
        Appointment mine = visit("P1", "O1", "W1", Instant.now().plus(Duration.ofDays(1)));
        mine.setId(id);
        update(mine);
        String path = "/fhir/kent/Appointment/" + id + "/_history";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<String>>> reads = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) reads.add(pool.submit(() -> versionsIn(Http.get(path, Roles.PROVIDER.token()))));
            for (int i = 0; i < 3; i++) {
                mine.setDescription("change " + i);
                update(mine);
            }
            for (var f : reads) {
                List<String> versions = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertFalse(versions.contains("1"), "the other provider's version never shows: " + versions);
                assertFalse(versions.isEmpty());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("5", "4", "3", "2"), versionsIn(Http.get(path, Roles.PROVIDER.token())));
    }

    @Test
    void typeAndServerHistoryAreNotServedToAnyone() {
        for (Roles role : Roles.values()) {
            Http.Response r = Http.get("/fhir/kent/Appointment/_history", role.token());
            assertTrue(r.status() >= 400 && r.status() < 500, role + " " + r.status());
            assertInstanceOf(OperationOutcome.class, r.resource(), "no data, only the reason");
            Http.Response all = Http.get("/fhir/kent/_history", role.token());
            assertTrue(all.status() >= 400 && all.status() < 500, role + " " + all.status());
        }
    }
}
