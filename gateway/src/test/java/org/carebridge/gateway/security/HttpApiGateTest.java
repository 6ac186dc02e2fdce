package org.carebridge.gateway.security;

import org.carebridge.gateway.audit.AuditLog;
import org.carebridge.gateway.audit.AuditRecord;
import org.carebridge.gateway.GatewayServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The administration and ingestion APIs beside FHIR are gated and audited too. */
class HttpApiGateTest {
    private static final String INTEGRATION = TestIssuer.token().sub("integrator").roles("council-integration").sign();

    @Test
    void administrationNeedsACouncilIntegrationToken() {
        assertEquals(401, Http.get("/admin/probe/kent", null).status());
        assertEquals(401, Http.get("/admin/probe/kent", "garbage").status());
        assertEquals(401, Http.get("/admin/probe/lbhf", INTEGRATION).status(), "a kent token is not an lbhf token");
        assertEquals(403, Http.get("/admin/probe/kent", TestIssuer.council("kent")).status(), "council-staff is not enough");
        assertEquals(403, Http.get("/admin/probe/kent", Roles.PROVIDER.token()).status());
        Http.Response ok = Http.get("/admin/probe/kent", INTEGRATION);
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.body().contains("integrator"));

        AuditLog log = GatewayServer.start().getApplicationContext().getBean(AuditLog.class);
        List<AuditRecord> mine = log.search("kent", null, "integrator", null, null, 10);
        assertTrue(mine.stream().anyMatch(r -> r.action().equals("admin") && r.outcome() == 200
                && r.what().equals("GET /admin/probe/kent")), mine.toString());
    }

    @Test
    void ingestionIsAuditedPerChannelAndABadTokenIsRefused() {
        assertEquals(200, Http.send("POST", "/ingest/kent/ecm-a/probe", null, "{}").status());
        assertEquals(401, Http.send("POST", "/ingest/kent/ecm-a/probe", "garbage", "{}").status());
        AuditLog log = GatewayServer.start().getApplicationContext().getBean(AuditLog.class);
        List<AuditRecord> events = log.search("kent", null, "channel:ecm-a", null, null, 10);
        assertTrue(events.stream().anyMatch(r -> r.action().equals("ingest") && r.outcome() == 200), events.toString());
        assertTrue(events.stream().anyMatch(r -> r.action().equals("refusal:ingest") && r.outcome() == 401), events.toString());
    }
}
