package org.carebridge.gateway.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.carebridge.gateway.store.StoredResource;

import java.util.List;

/**
 * Narrows the versions of one resource a request may see (the data-protection layer: an earlier version may have
 * named another person), so {@code _history} pages and totals count visible versions only.
 */
public interface HistoryFilter {
    /** False when this request sees every version: history is then paged in the database as before. */
    boolean restricts(RequestDetails request, String type);

    /** The versions of {@code type/id} the request may see, in the given order. */
    List<StoredResource> visible(RequestDetails request, String type, String id, List<StoredResource> versions);
}
