package org.carebridge.gateway.store;

import java.time.Instant;

/** One version of a resource as the store holds it: JSON text plus the columns the store keeps beside it. */
public record StoredResource(String type, String id, long version, Instant lastUpdated, boolean deleted,
                             String json, String method) {
}
