package org.carebridge.gateway.security;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every way a token can be wrong is the same 401 OperationOutcome; scopes and roles narrow what a good one may do. */
class AuthenticationTest {
    private static final String PATIENTS = "/fhir/kent/Patient?_id=none";

    static Stream<Arguments> badTokens() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("test-rsa-1").generate(); // same kid, different key
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("not a JWT", "abc.def"),
                Arguments.of("bad signature", TestIssuer.token().key(stranger).sign()),
                Arguments.of("wrong audience", TestIssuer.token().audience("someone-else").sign()),
                Arguments.of("expired", TestIssuer.token().expires(Instant.now().minus(Duration.ofHours(1))).sign()),
                Arguments.of("untrusted issuer", TestIssuer.token().issuer("https://evil.test/").sign()),
                Arguments.of("unknown key id", TestIssuer.token().kid("no-such-kid").sign()),
                Arguments.of("another council's token", TestIssuer.token().org("205").sign()),
                Arguments.of("unknown organisation type", TestIssuer.token().orgType("family").sign()),
                Arguments.of("issuer not trusted for that org", TestIssuer.token().issuer(TestIssuer.PROVIDERS_ONLY_ISSUER)
                        .org("PB1").orgType("provider").roles("provider-office").sign()),
                Arguments.of("issuer not trusted for councils", TestIssuer.token().issuer(TestIssuer.PROVIDERS_ONLY_ISSUER).sign()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void refusedWith401(String name, String token) {
        Http.Response r = Http.get(PATIENTS, token);
        assertEquals(401, r.status(), name + ": " + r.body());
        OperationOutcome oo = r.as(OperationOutcome.class);
        assertTrue(oo.getIssueFirstRep().getDiagnostics().startsWith("Authentication failed"), oo.getIssueFirstRep().getDiagnostics());
        assertTrue(r.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), name);
        assertFalse(r.body().contains("Exception"));
        assertEquals("nosniff", r.raw().headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    @Test
    void rs256AndEs256TokensAreAccepted() {
        assertEquals(200, Http.get(PATIENTS, TestIssuer.council("kent")).status());
        assertEquals(200, Http.get(PATIENTS, TestIssuer.token().ec().sign()).status());
        assertEquals(200, Http.get("/fhir/lbhf/Patient?_id=none", TestIssuer.council("lbhf")).status());
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() {
        RSAKey next = TestIssuer.rotate("test-rsa-rotated");
        assertEquals(200, Http.get(PATIENTS, TestIssuer.token().key(next).sign()).status());
    }

    @Test
    void providersOnlyIssuerMaySpeakForItsProvider() {
        String t = TestIssuer.token().issuer(TestIssuer.PROVIDERS_ONLY_ISSUER).sub("office-x").org("PA1").orgType("provider")
                .roles("provider-office").scope("system/*.rs").sign();
        assertEquals(200, Http.get("/fhir/kent/Organization?_id=none", t).status());
    }

    @Test
    void theCapabilityStatementIsPublic() {
        Http.Response r = Http.get("/fhir/kent/metadata", null);
        assertEquals(200, r.status());
        assertTrue(r.body().contains("CapabilityStatement"));
    }

    @Test
    void scopesNarrowWhatAValidTokenMayDo() {
        String readPatientsOnly = TestIssuer.token().scope("system/Patient.rs").sign();
        assertEquals(200, Http.get(PATIENTS, readPatientsOnly).status());
        assertEquals(403, Http.get("/fhir/kent/Appointment?_id=none", readPatientsOnly).status());
        Http.Response create = Http.send("POST", "/fhir/kent/Patient", readPatientsOnly, "{\"resourceType\":\"Patient\"}");
        assertEquals(403, create.status(), create.body());
        assertTrue(create.as(OperationOutcome.class).getIssueFirstRep().getDiagnostics().contains("scope"));
        // SMART v1 spelling
        String v1 = TestIssuer.token().scope("user/Patient.read").sign();
        assertEquals(200, Http.get(PATIENTS, v1).status());
        assertEquals(403, Http.send("POST", "/fhir/kent/Patient", v1, "{\"resourceType\":\"Patient\"}").status());
        assertEquals(403, Http.get(PATIENTS, TestIssuer.token().scope("").sign()).status());
    }

    @Test
    void aRoleThatDoesNotFitTheOrganisationGivesNothing() {
        String councilAsCareWorker = TestIssuer.token().roles("care-worker").sign();
        Http.Response r = Http.get(PATIENTS, councilAsCareWorker);
        assertEquals(403, r.status(), r.body());
        assertEquals(403, Http.get(PATIENTS, TestIssuer.token().roles("administrator").sign()).status());
        String providerAsCouncil = TestIssuer.token().org("PA1").orgType("provider").roles("council-staff").sign();
        assertEquals(403, Http.get(PATIENTS, providerAsCouncil).status());
    }

    @Test
    void onlyTheDpoReadsTheAuditLog() {
        assertEquals(403, Http.get("/fhir/kent/AuditEvent", TestIssuer.council("kent")).status());
        assertEquals(403, Http.get("/fhir/kent/AuditEvent", Roles.PROVIDER.token()).status());
        assertEquals(200, Http.get("/fhir/kent/AuditEvent?_count=1", Roles.DPO.token()).status());
        // The log has no write interaction at all.
        assertEquals(400, Http.send("POST", "/fhir/kent/AuditEvent", Roles.DPO.token(),
                "{\"resourceType\":\"AuditEvent\"}").status());
    }

    @Test
    void devIssuerIsOffUnlessEnabled() {
        assertEquals(404, Http.send("POST", "/dev-issuer/token", null, "{}").status());
        assertEquals(404, Http.get("/dev-issuer/jwks", null).status());
    }
}
