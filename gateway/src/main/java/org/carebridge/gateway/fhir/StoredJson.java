package org.carebridge.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.carebridge.gateway.store.StoredResource;
import org.carebridge.profiles.Canonical;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored JSON of a resource about to be sent, and the one decision of the response fast path:
 * <b>may the stored bytes be sent as they are?</b> Reads and searches attach the JSON they parsed from the store;
 * {@link StoredJsonResponder} then writes those bytes instead of encoding the resource again, unless something
 * changed the resource on the way out. Anything that edits a response resource (redaction, an operation, a
 * plugin) must either label it REDACTED (the Redactor's contract) or call {@link #changed}; then the resource is
 * encoded as usual.
 *
 * <p><b>Hollow resources.</b> When no outgoing hook will read a resource's content ({@link ResponseContentReader}),
 * a read or search answers with a <i>hollow</i> one instead of parsing: an instance of the type holding only its id,
 * versionId and lastUpdated, the stored JSON, and the people its index rows name ({@link #people}). Code that reads
 * or edits a response resource's content calls {@link #content} first, which parses the stored JSON into it in
 * place; the responder does so for everything it does not send as stored, so HAPI never encodes a hollow one.
 */
public final class StoredJson {
    private static final String KEY = StoredJson.class.getName();
    private static final String HOLLOW = KEY + ".hollow";
    private static final String PEOPLE = KEY + ".people";
    private static final Object CHANGED = new Object();
    private static final Map<Class<?>, MethodHandle> COPY = new ConcurrentHashMap<>();

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

    // ---- hollow resources ------------------------------------------------------------------------------------

    /**
     * A hollow resource standing for the stored row {@code r} (which must carry its people, {@link StoredResource#refTargets}),
     * or null when its JSON does not open as the encoder writes it (then parse it as usual).
     */
    static Resource hollow(FhirContext ctx, StoredResource r) {
        String json = r.json();
        if (json == null || r.refTargets() == null) return null;
        String head = "{\"resourceType\":\"" + r.type() + "\",\"id\":\"" + r.id() + "\",\"meta\":{";
        if (!json.startsWith(head)) return null;
        int at = head.length();
        String versionId = null;
        if (json.startsWith("\"versionId\":\"", at)) {
            int end = json.indexOf('"', at + 13);
            if (end < 0) return null;
            versionId = json.substring(at + 13, end);
            if (!json.startsWith(",", end + 1)) return null;
            at = end + 2;
        }
        if (!json.startsWith("\"lastUpdated\":\"", at)) return null;
        int end = json.indexOf('"', at + 15);
        if (end < 0) return null;
        Resource h;
        try {
            h = (Resource) ctx.getResourceDefinition(r.type()).getImplementingClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        h.setId(new IdType(r.type(), r.id(), String.valueOf(r.version())));
        if (versionId != null) h.getMeta().setVersionId(versionId);
        h.getMeta().setLastUpdatedElement(new InstantType(json.substring(at + 15, end)));
        h.setUserData(HOLLOW, ctx);
        h.setUserData(PEOPLE, r.refTargets());
        return attach(h, json);
    }

    /** Is this a hollow response resource, its content not parsed yet? */
    public static boolean isHollow(IBaseResource resource) {
        return resource.getUserData(HOLLOW) != null;
    }

    /**
     * For a hollow resource, the Patient ids its stored row's {@link ResourceRepository#PEOPLE} index rows name (what
     * its content says about whom); null for any other resource, whose content says it.
     */
    @SuppressWarnings("unchecked")
    public static List<String> people(IBaseResource resource) {
        return isHollow(resource) ? (List<String>) resource.getUserData(PEOPLE) : null;
    }

    /**
     * The resource with its content: a hollow one is filled in place from its stored JSON (exactly what a parse of
     * the row gives; the stored JSON stays attached, so it is still sent as stored unless changed). Any other is
     * returned as it is. Call before reading or editing a response resource's content.
     */
    public static <T extends IBaseResource> T content(T resource) {
        if (!(resource.getUserData(HOLLOW) instanceof FhirContext ctx)) return resource;
        Resource h = (Resource) resource;
        IdType id = h.getIdElement();
        Resource parsed = (Resource) ctx.newJsonParser().parseResource((String) h.getUserData(KEY));
        parsed.setId(new IdType(id.getResourceType(), id.getIdPart(), id.getVersionIdPart()));
        try {
            copier(h.getClass()).invoke(parsed, h);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot fill " + h.fhirType() + " from its stored JSON", e);
        }
        h.setUserData(HOLLOW, null);
        h.setUserData(PEOPLE, null);
        return resource;
    }

    /** {@link #content} for every hollow resource of a response body (a resource, or a Bundle's entries). */
    static void contentOf(IBaseResource body) {
        if (body instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.getResource() != null) content(e.getResource());
            }
        } else if (body != null) {
            content(body);
        }
    }

    /** The generated {@code copyValues(T dst)} of a resource class: every element, deep-copied. */
    private static MethodHandle copier(Class<?> type) {
        return COPY.computeIfAbsent(type, t -> {
            try {
                return MethodHandles.publicLookup().findVirtual(t, "copyValues", MethodType.methodType(void.class, t));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(t + " has no copyValues", e);
            }
        });
    }
}
