package org.carebridge.gateway.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;

import java.util.Map;

/** Stand-ins for the admin and ingestion controllers, so the gate in front of them can be tested here. */
@Controller
public class AdminProbeController {
    @Get(value = "/admin/probe/{tenant}", produces = {"application/json", "application/fhir+json"})
    public Map<String, String> admin(String tenant, HttpRequest<?> request) {
        Caller c = request.getAttribute(Caller.USER_DATA_KEY, Caller.class).orElseThrow();
        return Map.of("tenant", c.tenant(), "sub", c.subject());
    }

    @Post(value = "/ingest/{tenant}/{channel}/probe", consumes = io.micronaut.http.MediaType.ALL,
            produces = {"application/json", "application/fhir+json"})
    public Map<String, String> ingest(String tenant, String channel) {
        return Map.of("status", "accepted");
    }
}
