package org.carebridge.gateway.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.inject.Singleton;
import org.carebridge.gateway.fhir.SearchSpecFilter;
import org.carebridge.gateway.store.SearchSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every search sees only the rows its caller may see, so totals, pages and links count nothing else; a read of
 * the current version takes the same restriction into its statement. The types restricted here are noted on the
 * request ({@link #RESTRICTED_MATCHES}), so the outgoing filter checks only what this restriction did not cover
 * (includes), not the matches or the read resource a second time.
 */
@Singleton
public class VisibilityFilter implements SearchSpecFilter {
    /** Request user data: the Set of resource types whose search matches went through the visibility restriction. */
    static final String RESTRICTED_MATCHES = "carebridge.restrictedMatches";
    private static final SearchSpec.Restriction NOTHING = new SearchSpec.Restriction("false", List.of());
    private final Visibility visibility;

    public VisibilityFilter(Visibility visibility) {
        this.visibility = visibility;
    }

    @Override
    public SearchSpec apply(RequestDetails request, SearchSpec spec) {
        Caller c = Caller.of(request);
        if (c == null) return spec.withRestriction(NOTHING); // never reached through the gate; deny if it is
        AccessPolicy.Access a = visibility.policy().readAccess(c, spec.resourceType(), fewRows(spec));
        if (a instanceof AccessPolicy.All) return spec;
        SearchSpec restricted = spec.withRestriction(a instanceof AccessPolicy.Where w ? w.restriction() : NOTHING);
        restrictedTypes(request).add(spec.resourceType());
        return restricted;
    }

    /**
     * Does a criterion bound the candidates to a few rows: given ids (a read is one), or references to given people
     * (a person's visits, plans, orders)? Then the restriction is checked row by row; otherwise (a type-wide search)
     * the planner may list what the caller's grants reach once per statement.
     */
    static boolean fewRows(SearchSpec spec) {
        for (SearchSpec.Criterion c : spec.criteria()) {
            if (c instanceof SearchSpec.IdIn) return true;
            if (c instanceof SearchSpec.RefAny ref && !ref.values().isEmpty()
                    && ref.values().stream().allMatch(v -> "Patient".equals(v.targetType()))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> restrictedTypes(RequestDetails request) {
        return (Set<String>) request.getUserData().computeIfAbsent(RESTRICTED_MATCHES, k -> new HashSet<String>());
    }
}
