package org.carebridge.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The development token issuer: a key made at start-up, trusted by every tenant, minting tokens on request.
 * Only exists with {@code carebridge.security.dev-issuer.enabled=true} — never in a real deployment.
 */
@Singleton
@Requires(property = "carebridge.security.dev-issuer.enabled", value = "true")
public class DevIssuer {
    public static final String ISSUER = "urn:carebridge:dev-issuer";
    public static final String AUDIENCE = "carebridge-gateway";

    private final RSAKey key;

    public DevIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("dev-" + UUID.randomUUID()).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the development key", e);
        }
    }

    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    /** The request body of {@code POST /dev-issuer/token}; anything left out gets the role's usual value. */
    @io.micronaut.core.annotation.Introspected
    public record TokenRequest(String sub, String org, String orgType, List<String> roles, String scope,
                               String purposeOfUse, Integer minutes) {}

    public String mint(TokenRequest r) {
        List<String> roles = r.roles() == null || r.roles().isEmpty() ? List.of(Caller.COUNCIL_STAFF) : r.roles();
        String orgType = r.orgType() != null ? r.orgType() : defaultOrgType(roles.get(0));
        String scope = r.scope() != null ? r.scope() : defaultScope(roles.get(0));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE)
                .subject(r.sub() != null ? r.sub() : "dev-user")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(r.minutes() == null ? 60 : r.minutes()))))
                .jwtID(UUID.randomUUID().toString())
                .claim("org", r.org() != null ? r.org() : "886")
                .claim("org_type", orgType)
                .claim("roles", roles)
                .claim("scope", scope);
        if (r.purposeOfUse() != null) claims.claim("purpose_of_use", r.purposeOfUse());
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    static String defaultOrgType(String role) {
        return switch (role) {
            case Caller.PROVIDER_OFFICE, Caller.CARE_WORKER -> "provider";
            case Caller.DISCHARGE_TEAM -> "hospital";
            default -> "council";
        };
    }

    static String defaultScope(String role) {
        return switch (role) {
            case Caller.COUNCIL_STAFF, Caller.COUNCIL_INTEGRATION -> "system/*.cruds";
            case Caller.PROVIDER_OFFICE -> "system/*.rs system/Appointment.cu system/Encounter.cu system/Task.cu system/Communication.c system/Flag.c";
            case Caller.DISCHARGE_TEAM -> "system/*.rs system/ServiceRequest.cu system/Task.cu";
            default -> "system/*.rs";
        };
    }
}
