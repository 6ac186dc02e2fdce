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
}
