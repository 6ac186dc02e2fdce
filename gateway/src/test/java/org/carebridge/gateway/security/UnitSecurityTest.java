package org.carebridge.gateway.security;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Pieces that need no running server: scopes, the rate limiter, the development issuer. */
class UnitSecurityTest {

    @Test
    void scopes() {
        Scopes s = Scopes.parse("system/Appointment.rs user/Patient.read patient/Task.cu system/Flag.crud?x=1 nonsense");
        assertTrue(s.permits("Appointment", 'r'));
        assertTrue(s.permits("Appointment", 's'));
        assertFalse(s.permits("Appointment", 'c'));
        assertTrue(s.permits("Patient", 's'));
        assertFalse(s.permits("Patient", 'u'));
        assertTrue(s.permits("Task", 'u'));
        assertFalse(s.permits("Task", 'r'));
        assertFalse(s.permits("Flag", 'r'), "v2 scopes with a query grant nothing");
        assertTrue(Scopes.parse("system/*.cruds").permits("Consent", 'd'));
        assertTrue(Scopes.parse("system/*.*").permits("Consent", 'd'));
        assertFalse(Scopes.parse("system/Patient.rsx").permits("Patient", 'r'), "letters out of order or unknown: nothing");
        assertFalse(Scopes.parse(null).permits("Patient", 'r'));
    }

    @Test
    void rateLimiterAllowsABurstThenTheRate() {
        SecurityConfig cfg = new SecurityConfig(Duration.ofDays(14), Duration.ofDays(7), Duration.ofMinutes(10),
                Duration.ofSeconds(5), 1, 3, "care", "");
        RateLimiter limiter = new RateLimiter(cfg);
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"), "burst of 3 used up");
        assertTrue(limiter.tryAcquire("b"), "each client has its own bucket");
    }

    @Test
    void devIssuerTokensAreAcceptedWhenEnabled() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("carebridge.security.dev-issuer.enabled", "true",
                "carebridge.test.issuer-port", TestIssuer.start()))) {
            DevIssuer issuer = ctx.getBean(DevIssuer.class);
            String token = issuer.mint(new DevIssuer.TokenRequest("office-1", "PA1", null, List.of("provider-office"),
                    null, "care", 5));
            Caller c = ctx.getBean(TokenVerifier.class).verify("kent", "Bearer " + token, "127.0.0.1");
            assertEquals(Caller.Party.PROVIDER, c.party());
            assertEquals("PA1", c.org());
            assertTrue(c.scopes().permits("Appointment", 'c'));
            assertFalse(c.scopes().permits("Patient", 'c'));
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("carebridge.test.issuer-port", TestIssuer.start()))) {
            assertFalse(ctx.containsBean(DevIssuer.class), "off by default");
        }
    }

    /** The built rules are kept per (tenant, party, organisation, type): never one caller's rule for another. */
    @Test
    void cachedRestrictionsAreKeptApartByPartyAndOrganisation() {
        AccessPolicy policy = new AccessPolicy(new SecurityConfig(Duration.ofDays(14), Duration.ofDays(7),
                Duration.ofMinutes(10), Duration.ofSeconds(5), 0, 1, "care", ""));
        Caller a1 = caller("kent", "office-1", "PA1", Caller.OrgType.PROVIDER, Caller.PROVIDER_OFFICE);
        Caller a2 = caller("kent", "office-2", "PA1", Caller.OrgType.PROVIDER, Caller.PROVIDER_OFFICE);
        Caller b = caller("kent", "office-3", "PB1", Caller.OrgType.PROVIDER, Caller.PROVIDER_OFFICE);
        Caller h = caller("kent", "ward-1", "PA1", Caller.OrgType.HOSPITAL, Caller.DISCHARGE_TEAM);
        AccessPolicy.Access first = policy.readAccess(a1, "Appointment");
        assertSame(first, policy.readAccess(a1, "Appointment"), "built once");
        assertEquals(first, policy.readAccess(a2, "Appointment"), "the same organisation's staff share one rule");
        AccessPolicy.Access other = policy.readAccess(b, "Appointment");
        assertNotEquals(first, other);
        assertTrue(((AccessPolicy.Where) other).restriction().args().contains("PB1"));
        assertFalse(((AccessPolicy.Where) other).restriction().args().contains("PA1"));
        assertNotEquals(policy.readAccess(a1, "Task"), policy.readAccess(h, "Task"), "a hospital with the same code is another party");
        assertNotSame(policy.readAccess(a1, "Patient"), policy.readAccess(caller("lbhf", "office-1", "PA1",
                Caller.OrgType.PROVIDER, Caller.PROVIDER_OFFICE), "Patient"), "tenants never share an entry");
        assertInstanceOf(AccessPolicy.Deny.class, policy.readAccess(h, "Appointment"));
    }

    private static Caller caller(String tenant, String sub, String org, Caller.OrgType type, String role) {
        return new Caller(tenant, sub, org, type, java.util.Set.of(role), Scopes.parse("system/*.rs"), "care", "client");
    }
}
