package org.carebridge.gateway.fhir;

import org.carebridge.profiles.Canonical;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * The stored JSON of a resource about to be sent, and the one decision of the response fast path:
 * <b>may the stored bytes be sent as they are?</b> Reads and searches attach the JSON they parsed from the store;
 * {@link StoredJsonResponder} then writes those bytes instead of encoding the resource again, unless something
 * changed the resource on the way out. Anything that edits a response resource (redaction, an operation, a
 * plugin) must either label it REDACTED (the Redactor's contract) or call {@link #changed}; then the resource is
 * encoded as usual.
 */
public final class StoredJson {
    private static final String KEY = StoredJson.class.getName();
    private static final Object CHANGED = new Object();

    private StoredJson() {}

    /** Remembers the stored JSON this resource was parsed from (it must be exactly that resource's encoding). */
    static <T extends IBaseResource> T attach(T resource, String json) {
        resource.setUserData(KEY, json);
        return resource;
    }

    /** Marks a resource as edited after it was read: it will be encoded, never sent as stored. */
    public static void changed(IBaseResource resource) {
        if (resource.getUserData(KEY) != null) resource.setUserData(KEY, CHANGED);
    }

    /** The stored bytes to send for this resource, or null when it must be encoded (never stored, or changed). */
    public static String sendable(IBaseResource resource) {
        if (!(resource.getUserData(KEY) instanceof String json)) return null;
        // Rows written before V2 hold PostgreSQL's jsonb rendering (keys re-ordered): encode those, as before.
        if (!json.startsWith("{\"resourceType\":\"")) return null;
        if (resource instanceof Resource r && r.hasMeta() && r.getMeta().getSecurity().stream()
                .anyMatch(s -> Canonical.REDACTED_SYSTEM.equals(s.getSystem()) && Canonical.REDACTED_CODE.equals(s.getCode()))) {
            return null; // redacted on the way out (or stored with the label: encoding is then merely slower)
        }
        return json;
    }
}
