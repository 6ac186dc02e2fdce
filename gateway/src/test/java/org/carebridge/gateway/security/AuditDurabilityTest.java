package org.carebridge.gateway.security;

import org.carebridge.gateway.GatewayServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A disclosure's audit record is committed before its response leaves: the moment a client has the answer of a
 * read or a search, the database holds the record (read here straight from the table, without waiting for the
 * audit writer), so a crash of the gateway after sending cannot lose it.
 */
class AuditDurabilityTest {
    private static final String SUB = "office-durable";
    private static String token;

    @BeforeAll
    static void seed() {
        SecuritySeed.ensure();
        token = TestIssuer.providerOffice(SUB);
    }

    /** Committed events of this test's agent whose {@code what} starts with the given text. */
    private static int committed(String whatPrefix) throws Exception {
        DataSource ds = GatewayServer.start().getApplicationContext().getBean(DataSource.class);
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement t = c.prepareStatement("select set_config('carebridge.tenant', 'kent', true)")) {
                t.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("select count(*) from audit_event where tenant = 'kent'"
                    + " and agent_sub = ? and starts_with(what, ?) and outcome = 200")) {
                ps.setString(1, SUB);
                ps.setString(2, whatPrefix);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                } finally {
                    c.rollback();
                }
            }
        }
    }

    @Test
    void whileTheLogCannotCommitNoAnswerLeaves() throws Exception {
        String visit = SecuritySeed.id("A1");
        assertEquals(200, Http.get("/fhir/kent/" + visit, token).status()); // the tenant's chain head exists
        int before = committed(visit);
        DataSource ds = GatewayServer.start().getApplicationContext().getBean(DataSource.class);
        CompletableFuture<Http.Response> answer;
        try (Connection lock = ds.getConnection()) {
            try (PreparedStatement t = lock.prepareStatement("select set_config('carebridge.tenant', 'kent', true)");
                 PreparedStatement head = lock.prepareStatement("select seq from audit_chain_head where tenant = 'kent' for update")) {
                t.execute();
                head.executeQuery().close();
            }
            // The audit writer now waits for this lock, so nothing can be committed to the tenant's log...
            answer = CompletableFuture.supplyAsync(() -> Http.get("/fhir/kent/" + visit, token));
            assertThrows(TimeoutException.class, () -> answer.get(2, TimeUnit.SECONDS), "...and no read is answered");
            lock.rollback();
        }
        assertEquals(200, answer.get(60, TimeUnit.SECONDS).status());
        assertEquals(before + 1, committed(visit));
    }

    @Test
    void aReadIsOnRecordWhenItsAnswerArrives() throws Exception {
        String visit = SecuritySeed.id("A1");
        int before = committed(visit);
        for (int i = 1; i <= 3; i++) {
            assertEquals(200, Http.get("/fhir/kent/" + visit, token).status());
            assertEquals(before + i, committed(visit), "read " + i + " is committed by the time its answer is here");
        }
    }

    @Test
    void aSearchIsOnRecordWhenItsAnswerArrives() throws Exception {
        int before = committed("Appointment?patient");
        Http.Response r = Http.get("/fhir/kent/Appointment?patient=" + SecuritySeed.id("P1"), token);
        assertEquals(200, r.status(), r.body());
        assertEquals(before + 1, committed("Appointment?patient"));
    }
}
