package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.carebridge.gateway.store.SearchSpec;

/**
 * Narrows a search before it runs (the data-protection layer adds what the caller may see), so totals, pages
 * and includes are computed over visible rows only.
 */
public interface SearchSpecFilter {
    SearchSpec apply(RequestDetails request, SearchSpec spec);
}
