package org.carebridge.mappings.mosaic.plan;

/** Whether to read an extract at all, decided from its header before any record is applied. */
public record Admission(Decision decision, String reason) {
    public enum Decision {
        APPLY,
        /** Older than the last applied extract: applying it would overwrite newer data. */
        SKIP_OLDER,
        /** The same extract (id or file digest) as the last applied one. */
        SKIP_DUPLICATE
    }

    public boolean apply() {
        return decision == Decision.APPLY;
    }
}
