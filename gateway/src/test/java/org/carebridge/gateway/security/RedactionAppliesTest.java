package org.carebridge.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import io.micronaut.context.ApplicationContext;
import org.carebridge.gateway.GatewayServer;
import org.carebridge.gateway.fhir.ResourceRepository;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link Redactor#applies} is what the read path may use to send stored JSON untouched: wherever it says "no",
 * redaction must change nothing, for every role and every resource of the seed.
 */
class RedactionAppliesTest {
    @Test
    void whereRedactionDoesNotApplyItChangesNothing() {
        var ids = SecuritySeed.ensure();
        ApplicationContext app = GatewayServer.start().getApplicationContext();
        FhirContext ctx = app.getBean(FhirContext.class);
        ResourceRepository repo = app.getBean(ResourceRepository.class);
        TokenVerifier verifier = app.getBean(TokenVerifier.class);
        Redactor redactor = new Redactor(ctx);
        int unchanged = 0;
        for (Roles role : Roles.values()) {
            Caller c = verifier.verify("kent", "Bearer " + role.token(), "127.0.0.1");
            for (String ref : ids.values()) {
                IdType id = new IdType(ref);
                Resource stored = repo.read("kent", id.getResourceType(), id);
                if (Redactor.applies(c, stored.fhirType())) continue;
                String before = ctx.newJsonParser().encodeResourceToString(stored);
                redactor.redact(c, stored, order -> false);
                assertEquals(before, ctx.newJsonParser().encodeResourceToString(stored), role + " " + ref);
                unchanged++;
            }
        }
        assertTrue(unchanged > 20, "the shortcut covers the hot types (" + unchanged + ")");
    }
}
