package org.carebridge.gateway.security;

import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.audit.AuditLog;
import org.carebridge.gateway.audit.AuditRecord;
import org.hl7.fhir.r4.model.*;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Every disclosure and refusal is in an append-only hash chain the DPO can search, verify and report from. */
class AuditTest {
    @BeforeAll
    static void seed() {
        SecuritySeed.ensure();
    }

    private static List<AuditEvent> events(String query) {
        Http.Response r = Http.get("/fhir/kent/AuditEvent?" + query, Roles.DPO.token());
        assertEquals(200, r.status(), r.body());
        return r.as(Bundle.class).getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
    }

    private static String agent(AuditEvent e) {
        return e.getAgentFirstRep().getWho().getIdentifier().getValue();
    }

    @Test
    void readsSearchesAndRefusalsAreRecordedWithWhoWhyAndAboutWhom() {
        String p1 = SecuritySeed.idPart("P1");
        String purposeful = TestIssuer.token().sub("office-audit").org("PA1").orgType("provider").roles("provider-office")
                .scope("system/*.rs").purpose("direct-care").sign();
        assertEquals(200, Http.get("/fhir/kent/Patient/" + p1, purposeful).status());
        assertEquals(200, Http.get("/fhir/kent/Appointment?patient=" + p1 + "&identifier=secret-nhs-number", purposeful).status());
        assertEquals(404, Http.get("/fhir/kent/" + SecuritySeed.id("P2"), purposeful).status());
        assertEquals(403, Http.get("/fhir/kent/CarePlan?_id=x", TestIssuer.token().sub("office-audit").org("PA1")
                .orgType("provider").roles("provider-office").scope("system/Patient.rs").sign()).status());

        List<AuditEvent> mine = events("agent=office-audit&_count=50");
        assertTrue(mine.size() >= 4, "" + mine.size());
        AuditEvent read = mine.stream().filter(e -> e.getSubtypeFirstRep().getCode().equals("read")
                && e.getOutcome() == AuditEvent.AuditEventOutcome._0).findFirst().orElseThrow();
        assertEquals(AuditEvent.AuditEventOutcome._0, read.getOutcome());
        assertEquals("direct-care", read.getPurposeOfEventFirstRep().getText());
        assertEquals("PA1", read.getAgent().get(1).getWho().getIdentifier().getValue());
        assertTrue(read.getAgentFirstRep().getRole().stream().anyMatch(r -> r.getCodingFirstRep().getCode().equals("provider-office")));
        assertTrue(read.getEntity().stream().anyMatch(e -> ("Patient/" + p1).equals(e.getWhat().getReference())));

        AuditEvent search = mine.stream().filter(e -> e.getSubtypeFirstRep().getCode().equals("search")).findFirst().orElseThrow();
        String what = search.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getDescription)
                .filter(d -> d != null && d.startsWith("Appointment")).findFirst().orElseThrow();
        assertTrue(what.startsWith("Appointment?identifier&patient"), what);
        assertFalse(mine.stream().map(e -> GatewayServer.ctx().newJsonParser().encodeResourceToString(e))
                .anyMatch(s -> s.contains("secret-nhs-number")), "parameter values (NHS numbers...) are never logged");

        assertTrue(mine.stream().anyMatch(e -> e.getSubtypeFirstRep().getCode().equals("read") && e.getOutcome() == AuditEvent.AuditEventOutcome._4),
                "the hidden read is recorded as a failure");
        assertTrue(mine.stream().anyMatch(e -> e.getSubtypeFirstRep().getCode().equals("refusal:search")), "the 403 is recorded");

        // Unauthenticated attempts are recorded too.
        Http.get("/fhir/kent/Patient/" + p1, null);
        assertTrue(events("agent=anonymous&_count=5").stream().anyMatch(e -> e.getOutcomeDesc().startsWith("HTTP 401")));
    }

    @Test
    void subjectAccessRequestReturnsEverythingHeldAndEveryDisclosure() {
        String p1 = SecuritySeed.idPart("P1");
        assertEquals(200, Http.get("/fhir/kent/Patient/" + p1, Roles.PROVIDER.token()).status());
        assertEquals(403, Http.get("/fhir/kent/Patient/" + p1 + "/$subject-access", Roles.COUNCIL.token()).status());
        Http.Response r = Http.get("/fhir/kent/Patient/" + p1 + "/$subject-access", Roles.DPO.token());
        assertEquals(200, r.status(), r.body());
        Bundle b = r.as(Bundle.class);
        List<String> held = b.getEntry().stream().map(e -> e.getResource())
                .filter(x -> !(x instanceof AuditEvent)).map(x -> x.fhirType() + "/" + x.getIdElement().getIdPart()).toList();
        for (String k : List.of("P1", "O1", "A1", "A1late", "E1", "CP1", "T1", "F1s", "F1a", "K1")) {
            assertTrue(held.contains(SecuritySeed.id(k)), k + " in " + held);
        }
        assertFalse(held.contains(SecuritySeed.id("P2")));
        List<AuditEvent> disclosures = b.getEntry().stream().map(e -> e.getResource()).filter(x -> x instanceof AuditEvent)
                .map(x -> (AuditEvent) x).toList();
        assertTrue(disclosures.stream().anyMatch(e -> agent(e).equals("office-a")
                && e.getAgent().get(1).getWho().getIdentifier().getValue().equals("PA1")), "disclosed to provider A");
        assertEquals(404, Http.get("/fhir/kent/Patient/nobody/$subject-access", Roles.DPO.token()).status());
    }

    @Test
    void theChainVerifiesAndTamperingIsDetected() throws Exception {
        Http.get("/fhir/kent/Organization?_id=x", Roles.COUNCIL.token());
        Parameters ok = Http.get("/fhir/kent/$verify-audit-chain", Roles.DPO.token()).as(Parameters.class);
        assertTrue(((BooleanType) ok.getParameter("intact").getValue()).booleanValue(), Http.json(ok));
        assertEquals(403, Http.get("/fhir/kent/$verify-audit-chain", Roles.COUNCIL.token()).status());

        DataSource ds = GatewayServer.start().getApplicationContext().getBean(DataSource.class);
        GatewayServer.start().getApplicationContext().getBean(AuditLog.class).flush();
        Connection c = ds.getConnection();
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("select set_config('carebridge.tenant', 'kent', false)");
            // The application's role cannot change the log...
            SQLException denied = assertThrows(SQLException.class, () -> st.executeUpdate("update audit_event set what = 'x' where seq = 2"));
            assertTrue(denied.getMessage().contains("permission denied"), denied.getMessage());
            assertThrows(SQLException.class, () -> st.executeUpdate("delete from audit_event where seq = 2"));
            // ...and even the owner only by switching the trigger off, which the chain then gives away.
            st.execute("reset role");
            SQLException trigger = assertThrows(SQLException.class, () -> st.executeUpdate("update audit_event set what = 'x' where seq = 2"));
            assertTrue(trigger.getMessage().contains("append-only"), trigger.getMessage());
            String original;
            try (var rs = st.executeQuery("select what from audit_event where tenant = 'kent' and seq = 2")) {
                rs.next();
                original = rs.getString(1);
            }
            st.execute("alter table audit_event disable trigger audit_event_no_update");
            try {
                st.executeUpdate("update audit_event set what = 'Patient/someone-else' where tenant = 'kent' and seq = 2");
                Parameters broken = Http.get("/fhir/kent/$verify-audit-chain", Roles.DPO.token()).as(Parameters.class);
                assertFalse(((BooleanType) broken.getParameter("intact").getValue()).booleanValue());
                assertEquals("2", broken.getParameter("brokenAtSeq").getValue().primitiveValue());
            } finally {
                try (var ps = c.prepareStatement("update audit_event set what = ? where tenant = 'kent' and seq = 2")) {
                    ps.setString(1, original);
                    ps.executeUpdate();
                }
                st.execute("alter table audit_event enable trigger audit_event_no_update");
            }
        } finally {
            // This connection was switched to the owner and given a session-wide tenant: never hand it back.
            ((HikariDataSource) ds).evictConnection(c);
        }
        Parameters again = Http.get("/fhir/kent/$verify-audit-chain", Roles.DPO.token()).as(Parameters.class);
        assertTrue(((BooleanType) again.getParameter("intact").getValue()).booleanValue(), "restored");
    }

    @Test
    void aFreshPooledConnectionKeepsTheApplicationRoleAfterARolledBackFirstTransaction() throws Exception {
        HikariDataSource ds = GatewayServer.start().getApplicationContext().getBean(HikariDataSource.class);
        // Retire every pooled connection so the next one is new and its first transaction is ours.
        ds.getHikariPoolMXBean().softEvictConnections();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.rollback();
            try (var rs = st.executeQuery("select current_user")) {
                rs.next();
                assertEquals("carebridge_app", rs.getString(1), "row-level security must never be bypassed");
            }
            c.rollback();
        }
    }

    @Test
    void theRetentionPurgeRemovesOldVersionsThenExpiredResourcesAndIsItselfAudited() throws Exception {
        var council = GatewayServer.client("lbhf");
        Communication c = new Communication().setStatus(Communication.CommunicationStatus.INPROGRESS);
        String id = council.create().resource(c).execute().getId().getIdPart();
        Thread.sleep(5); // the two versions must carry different lastUpdated instants (not a timing assertion)
        c.setId(id);
        c.setStatus(Communication.CommunicationStatus.COMPLETED);
        java.time.Instant v2 = ((Communication) council.update().resource(c).execute().getResource()).getMeta()
                .getLastUpdated().toInstant();
        assertEquals(2, council.history().onInstance(new IdType("Communication", id)).returnBundle(Bundle.class).execute().getTotal());

        // Period P1D, as of one day after version 2: version 1 is past retention, the current version is not yet.
        RetentionJob job = GatewayServer.start().getApplicationContext().getBean(RetentionJob.class);
        var removed = job.purge("lbhf", v2.plus(java.time.Duration.ofDays(1)), "test");
        assertTrue(removed.get("Communication") >= 1, removed.toString());
        assertEquals(1, council.history().onInstance(new IdType("Communication", id)).returnBundle(Bundle.class).execute().getTotal());
        assertTrue(council.read().resource(Communication.class).withId(id).execute().hasStatus(), "the current version stays");

        // Two days on, the resource itself is past retention: it goes, with its history and index rows.
        removed = job.purge("lbhf", java.time.Instant.now().plus(java.time.Duration.ofDays(2)), "test");
        assertTrue(removed.get("Communication.current") >= 1, removed.toString());
        Http.Response gone = Http.get("/fhir/lbhf/Communication/" + id, TestIssuer.council("lbhf"));
        assertEquals(404, gone.status(), gone.body());
        assertEquals(404, Http.get("/fhir/lbhf/Communication/" + id + "/_history", TestIssuer.council("lbhf")).status());
        assertEquals(0, council.search().forResource(Communication.class).where(Communication.STATUS.exactly().code("completed"))
                .and(new ca.uhn.fhir.rest.gclient.TokenClientParam("_id").exactly().code(id))
                .returnBundle(Bundle.class).execute().getTotal(), "no index rows left to match");

        AuditLog log = GatewayServer.start().getApplicationContext().getBean(AuditLog.class);
        List<AuditRecord> purges = log.search("lbhf", null, "test", null, null, 10);
        assertTrue(purges.stream().anyMatch(r -> r.action().equals("purge") && r.detail().contains("Communication")),
                purges.stream().map(AuditRecord::action).collect(Collectors.joining(",")));
        assertTrue(purges.stream().anyMatch(r -> r.action().equals("purge") && r.what().contains("Communication/" + id)),
                "the purge records what it removed");
        // The audit log itself is never purged: the chain still verifies from its first row.
        assertTrue(log.verify("lbhf").intact());
    }
}
