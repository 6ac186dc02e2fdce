package org.carebridge.gateway.security;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The identity provider of the tests: test keys (RS256 and ES256) whose JWKS WireMock serves, as configured for
 * the "test" environment in application-test.yml, and a builder for tokens of any role.
 */
public final class TestIssuer {
    public static final String ISSUER = "https://issuer.test/";
    public static final String PROVIDERS_ONLY_ISSUER = "https://provider-idp.test/";
    public static final String AUDIENCE = "carebridge-test";
    public static final Map<String, String> COUNCIL_CODES = Map.of("kent", "886", "lbhf", "205");

    private static WireMockServer wireMock;
    private static RSAKey rsa;
    private static ECKey ec;
    private static final List<JWK> published = new ArrayList<>();

    private TestIssuer() {}

    /** Starts WireMock with the JWKS; returns its port. */
    public static synchronized int start() {
        if (wireMock == null) {
            try {
                rsa = new RSAKeyGenerator(2048).keyID("test-rsa-1").generate();
                ec = new ECKeyGenerator(Curve.P_256).keyID("test-ec-1").generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            published.add(rsa.toPublicJWK());
            published.add(ec.toPublicJWK());
            wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            wireMock.start();
            publish();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> wireMock.stop()));
        }
        return wireMock.port();
    }

    private static void publish() {
        wireMock.stubFor(get(urlEqualTo("/jwks.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(List.copyOf(published)).toString())));
    }

    /** Key rotation: a new key is published beside the old ones; returns it for signing. */
    public static synchronized RSAKey rotate(String kid) {
        start();
        try {
            RSAKey k = new RSAKeyGenerator(2048).keyID(kid).generate();
            published.add(k.toPublicJWK());
            publish();
            return k;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAKey rsaKey() {
        start();
        return rsa;
    }

    public static Token token() {
        start();
        return new Token();
    }

    /** A provider office of PA1 that may read and search everything its grants allow, as agent {@code sub}. */
    public static String providerOffice(String sub) {
        return token().sub(sub).org("PA1").orgType("provider").roles("provider-office").scope("system/*.rs").sign();
    }

    public static String council(String tenant) {
        return token().org(COUNCIL_CODES.get(tenant)).orgType("council").roles("council-staff").scope("system/*.cruds").sign();
    }

    /** A token under construction: every claim can be set or broken. */
    public static final class Token {
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private String sub = "test-user";
        private String org = "886";
        private String orgType = "council";
        private List<String> roles = List.of("council-staff");
        private String scope = "system/*.cruds";
        private String purpose;
        private Instant expires = Instant.now().plus(Duration.ofHours(3));
        private JWK key;
        private String kid;

        public Token issuer(String v) { issuer = v; return this; }
        public Token audience(String v) { audience = v; return this; }
        public Token sub(String v) { sub = v; return this; }
        public Token org(String v) { org = v; return this; }
        public Token orgType(String v) { orgType = v; return this; }
        public Token roles(String... v) { roles = List.of(v); return this; }
        public Token scope(String v) { scope = v; return this; }
        public Token purpose(String v) { purpose = v; return this; }
        public Token expires(Instant v) { expires = v; return this; }
        public Token key(JWK v) { key = v; return this; }
        public Token kid(String v) { kid = v; return this; }
        public Token ec() { key = ec; return this; }

        public String sign() {
            JWK k = key == null ? rsa : key;
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(sub)
                    .issueTime(new Date()).expirationTime(Date.from(expires)).claim("org", org).claim("org_type", orgType)
                    .claim("roles", roles).claim("scope", scope).claim("purpose_of_use", purpose).build();
            try {
                JWSSigner signer;
                JWSAlgorithm alg;
                if (k instanceof ECKey e) {
                    signer = new ECDSASigner(e);
                    alg = JWSAlgorithm.ES256;
                } else {
                    signer = new RSASSASigner((RSAKey) k);
                    alg = JWSAlgorithm.RS256;
                }
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid != null ? kid : k.getKeyID()).build(), claims);
                jwt.sign(signer);
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
