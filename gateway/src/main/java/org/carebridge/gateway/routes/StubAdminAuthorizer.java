package org.carebridge.gateway.routes;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * TEMPORARY until the security module provides JWT roles: denies everyone unless
 * {@code carebridge.admin.stub-token} is set, in which case that exact bearer token acts as one
 * council-integration caller ("stub-admin"). Tests set it; production leaves it empty (admin API closed).
 */
@Singleton
public class StubAdminAuthorizer implements AdminAuthorizer {
    private final byte[] token;

    public StubAdminAuthorizer(@Value("${carebridge.admin.stub-token:}") String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public AdminCaller authorize(HttpRequest<?> request) {
        String h = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (h == null || !h.startsWith("Bearer ")) {
            throw new AdminAccessDenied(401, "bearer token required");
        }
        if (token == null || !MessageDigest.isEqual(token, h.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            throw new AdminAccessDenied(403, "role " + ROLE + " required");
        }
        return new AdminCaller("stub-admin");
    }
}
