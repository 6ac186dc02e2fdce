package org.carebridge.mappings.mosaic;

/**
 * Key safe and entry codes for one person, kept apart from every resource that names or locates the person
 * (H:3765-3770, K:2299-2301): it carries only an opaque reference number, which orders point to under
 * {@code Canonical.ACCESS_ARRANGEMENT_REF}. The gateway stores it in its restricted store.
 *
 * @param reference opaque, stable for the same tenant and person, not derivable without the mapper's key
 */
public record AccessArrangement(String tenant, String reference, String keySafeCode, String entryCode,
                                String instructions) {
    /** Never prints the codes: this object may end up in a log line. */
    @Override
    public String toString() {
        return "AccessArrangement[" + reference + "]";
    }
}
