package org.carebridge.gateway.store;

import java.time.Instant;
import java.util.List;

/**
 * One version of a resource as the store holds it: JSON text plus the columns the store keeps beside it, and,
 * when a read asked for them ({@link RefTargets}), the ids its current index rows refer to (else null).
 */
public record StoredResource(String type, String id, long version, Instant lastUpdated, boolean deleted,
                             String json, String method, List<String> refTargets) {

    public StoredResource(String type, String id, long version, Instant lastUpdated, boolean deleted,
                          String json, String method) {
        this(type, id, version, lastUpdated, deleted, json, method, null);
    }

    /**
     * Which reference targets a response read wants beside each row: the target ids of the current index rows of
     * {@code params} that point to {@code targetType} (e.g. the people a row is about, for audit, without parsing it).
     */
    public record RefTargets(List<String> params, String targetType) {
        public RefTargets {
            params = List.copyOf(params);
        }
    }
}
