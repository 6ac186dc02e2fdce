package org.carebridge.gateway.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;

import java.util.Map;

/** {@code /dev-issuer/jwks} and {@code POST /dev-issuer/token}: only with the development issuer switched on. */
@Controller("/dev-issuer")
@Requires(property = "carebridge.security.dev-issuer.enabled", value = "true")
public class DevIssuerController {
    private final DevIssuer issuer;

    public DevIssuerController(DevIssuer issuer) {
        this.issuer = issuer;
    }

    @Get(value = "/jwks", produces = MediaType.APPLICATION_JSON)
    public String jwks() {
        return new com.nimbusds.jose.jwk.JWKSet(issuer.publicKey()).toString();
    }

    @Post(value = "/token", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public Map<String, Object> token(@Body DevIssuer.TokenRequest request) {
        return Map.of("access_token", issuer.mint(request), "token_type", "Bearer");
    }
}
