package org.carebridge.gateway.store;

import org.carebridge.gateway.search.IndexEntries;

import java.time.Instant;

/**
 * A new version to store. {@code json} is null for a delete. {@code method} is the HTTP verb recorded in
 * history (POST, PUT, DELETE). {@code replaces} tells the store whether index rows of an earlier version exist.
 */
public record ResourceWrite(String type, String id, long version, Instant lastUpdated, String json,
                            IndexEntries index, String method, boolean replaces) {

    public boolean isDelete() {
        return json == null;
    }
}
