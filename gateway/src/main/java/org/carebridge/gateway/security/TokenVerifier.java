package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import org.carebridge.gateway.tenant.TenantConfig;
import org.carebridge.gateway.tenant.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies bearer JWTs against the issuers each tenant trusts and turns the claims into a {@link Caller}.
 * Keys come from each issuer's JWKS URL, cached and refetched when a token names a key id not yet seen
 * (rotation). Every failure is the same 401 to the client; the reason goes to the log without the token.
 */
@Singleton
public class TokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final TenantRegistry tenants;
    private final SecurityConfig config;
    /** tenant -> issuer -> verifier */
    private final Map<String, Map<String, Verifier>> byTenant = new HashMap<>();

    private record Verifier(TrustedIssuer issuer, DefaultJWTProcessor<SecurityContext> processor) {}

    /**
     * Tokens already verified, per tenant: a client sends the same token on every request, and checking its RSA
     * signature and parsing its claims was a tenth of a search's CPU. An entry lives until the token expires, at
     * most {@link #REMEMBER_MILLIS}, so a change of trust (issuer or key removed) applies within that time.
     */
    private record Verified(Caller caller, long untilMillis) {}

    private static final long REMEMBER_MILLIS = 5 * 60_000;
    private static final int REMEMBER_MAX = 20_000;
    private final java.util.concurrent.ConcurrentHashMap<String, Verified> verified = new java.util.concurrent.ConcurrentHashMap<>();

    public TokenVerifier(TenantRegistry tenants, SecurityConfig config, Environment env, Optional<DevIssuer> devIssuer) {
        this.tenants = tenants;
        this.config = config;
        for (TenantConfig t : tenants.all()) {
            Map<String, Verifier> issuers = new HashMap<>();
            for (TrustedIssuer ti : configured(env, t.id())) {
                issuers.put(ti.issuer(), new Verifier(ti, processor(ti, remote(ti))));
            }
            devIssuer.ifPresent(d -> {
                TrustedIssuer ti = new TrustedIssuer("dev", DevIssuer.ISSUER, "", DevIssuer.AUDIENCE,
                        EnumSet.allOf(Caller.OrgType.class), Set.of());
                issuers.put(ti.issuer(), new Verifier(ti, processor(ti, new ImmutableJWKSet<>(new JWKSet(d.publicKey())))));
            });
            byTenant.put(t.id(), Map.copyOf(issuers));
        }
    }

    static List<TrustedIssuer> configured(Environment env, String tenant) {
        String prefix = "carebridge.tenants." + tenant + ".issuers";
        Collection<String> names = env.getPropertyEntries(prefix);
        return names.stream().sorted().map(n -> {
            String p = prefix + "." + n + ".";
            String issuer = env.getProperty(p + "issuer", String.class).orElseThrow(() -> missing(p + "issuer"));
            String jwks = env.getProperty(p + "jwks-url", String.class).orElseThrow(() -> missing(p + "jwks-url"));
            String aud = env.getProperty(p + "audience", String.class).orElseThrow(() -> missing(p + "audience"));
            Set<Caller.OrgType> types = list(env.getProperty(p + "org-types", String.class).orElse("council,provider,hospital"))
                    .stream().map(s -> Optional.ofNullable(Caller.OrgType.parse(s)).orElseThrow(() ->
                            new IllegalStateException(p + "org-types: '" + s + "' is not council, provider or hospital")))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Caller.OrgType.class)));
            Set<String> orgs = Set.copyOf(list(env.getProperty(p + "orgs", String.class).orElse("")));
            return new TrustedIssuer(n, issuer, jwks, aud, types, orgs);
        }).toList();
    }

    private static List<String> list(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException(key + " is required for a trusted issuer");
    }

    private JWKSource<SecurityContext> remote(TrustedIssuer ti) {
        try {
            JWKSourceBuilder<SecurityContext> b = JWKSourceBuilder.<SecurityContext>create(URI.create(ti.jwksUrl()).toURL(),
                            new DefaultResourceRetriever(3000, 3000, 256 * 1024))
                    .cache(config.jwksCacheTtl().toMillis(), 15_000)
                    .retrying(true);
            long min = config.jwksRefreshMinInterval().toMillis();
            b = min <= 0 ? b.rateLimited(false) : b.rateLimited(min);
            return b.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("issuer " + ti.name() + ": jwks-url is not a URL", e);
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(TrustedIssuer ti, JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(ti.audience(),
                new JWTClaimsSet.Builder().issuer(ti.issuer()).build(), Set.of("sub", "exp", "org", "org_type")));
        return p;
    }

    /** @throws AuthenticationException (401) for anything but a valid token of an issuer this tenant trusts */
    public Caller verify(String tenant, String authorization, String clientIp) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorised("no bearer token", null);
        }
        String token = authorization.substring(7).trim();
        String key = tenant + '\u0000' + token;
        Verified known = verified.get(key);
        long now = System.currentTimeMillis();
        if (known != null) {
            if (now < known.untilMillis()) return known.caller();
            verified.remove(key);
        }
        Verified fresh = verifyAnew(tenant, token);
        if (verified.size() >= REMEMBER_MAX) verified.clear(); // bounded; a full cache merely costs re-verification
        verified.put(key, new Verified(fresh.caller(), Math.min(fresh.untilMillis(), now + REMEMBER_MILLIS)));
        return fresh.caller();
    }

    /** Full verification; the result is valid until the token's expiry. */
    private Verified verifyAnew(String tenant, String token) {
        SignedJWT jwt;
        String iss;
        try {
            jwt = SignedJWT.parse(token);
            iss = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw unauthorised("token is not a signed JWT", null);
        }
        Verifier v = byTenant.getOrDefault(tenant, Map.of()).get(iss);
        if (v == null) throw unauthorised("issuer not trusted by tenant " + tenant, null);
        JWTClaimsSet claims;
        try {
            claims = v.processor().process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw unauthorised("token rejected: " + e.getMessage(), v.issuer().name());
        }
        try {
            String org = claims.getStringClaim("org");
            Caller.OrgType type = Caller.OrgType.parse(claims.getStringClaim("org_type"));
            if (org == null || org.isBlank() || type == null) throw unauthorised("org or org_type missing or unknown", v.issuer().name());
            if (!v.issuer().vouchesFor(type, org)) throw unauthorised("issuer may not speak for this organisation", v.issuer().name());
            if (type == Caller.OrgType.COUNCIL) {
                String council = tenants.find(tenant).map(TenantConfig::councilCode).orElse(null);
                if (!org.equals(council)) throw unauthorised("council token of another council", v.issuer().name());
            }
            Set<String> roles = new LinkedHashSet<>();
            Object r = claims.getClaim("roles");
            if (r instanceof List<?> l) l.forEach(x -> roles.add(String.valueOf(x)));
            else if (r instanceof String s) roles.addAll(list(s.replace(' ', ',')));
            String purpose = claims.getClaim("purpose_of_use") instanceof String p && !p.isBlank() ? p : config.defaultPurpose();
            String clientId = claims.getClaim("client_id") instanceof String c ? c : claims.getSubject();
            Caller caller = new Caller(tenant, claims.getSubject(), org, type, Set.copyOf(roles),
                    Scopes.parse(claims.getClaim("scope") instanceof String s ? s : ""), purpose, clientId);
            return new Verified(caller, claims.getExpirationTime().getTime()); // exp is required (checked above)
        } catch (ParseException e) {
            throw unauthorised("malformed claims", v.issuer().name());
        }
    }

    private static AuthenticationException unauthorised(String reason, String issuer) {
        // The reason names no person and carries no token; it helps an operator see why a client is refused.
        LOG.info("401: {}{}", reason, issuer == null ? "" : " (issuer " + issuer + ")");
        AuthenticationException e = new AuthenticationException(
                "Authentication failed: a valid bearer token from an issuer this tenant trusts is required");
        e.addResponseHeader("WWW-Authenticate", "Bearer realm=\"carebridge\"");
        return e;
    }
}
