package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.SearchSpecFilter;
import org.carebridge.gateway.store.SearchSpec;

import java.util.List;

/** Every search sees only the rows its caller may see, so totals, pages and links count nothing else. */
@Singleton
public class VisibilityFilter implements SearchSpecFilter {
    private static final SearchSpec.Restriction NOTHING = new SearchSpec.Restriction("false", List.of());
    private final Visibility visibility;

    public VisibilityFilter(Visibility visibility) {
        this.visibility = visibility;
    }

    @Override
    public SearchSpec apply(RequestDetails request, SearchSpec spec) {
        Caller c = Caller.of(request);
        if (c == null) return spec.withRestriction(NOTHING); // never reached through the gate; deny if it is
        AccessPolicy.Access a = visibility.policy().readAccess(c, spec.resourceType());
        if (a instanceof AccessPolicy.All) return spec;
        if (a instanceof AccessPolicy.Where w) return spec.withRestriction(w.restriction());
        return spec.withRestriction(NOTHING);
    }
}
