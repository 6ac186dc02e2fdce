package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.ResponseContentReader;

/** Redaction is the one outgoing security step that reads a response resource's content (filtering needs ids). */
@Singleton
public class RedactionContentReader implements ResponseContentReader {
    @Override
    public boolean readsContent(RequestDetails request, String resourceType) {
        Caller c = Caller.of(request);
        return c != null && Redactor.applies(c, resourceType);
    }
}
