package org.carebridge.gateway.mosaic;

import org.hl7.fhir.r4.model.Resource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The last encodings of the resources many people of an extract share — their provider (Organization) and care
 * manager (PractitionerRole) — so that each person carrying the same one does not encode it again only to find its
 * hash unchanged (HAPI encoding was 38 % of the gateway's CPU in a full extract; a few hundred providers serve
 * thousands of people). A resource is taken from here only when it is deeply equal to the one encoded, so the JSON and
 * hash are what encoding it would give. Bounded; the least recently used go first.
 */
final class SharedEncodings {
    private static final Set<String> SHARED = Set.of("Organization", "PractitionerRole");

    /** A resource as it was encoded (a copy nobody changes), its JSON and the hash of that JSON. */
    record Encoded(Resource as, String json, byte[] hash) {
    }

    private final Map<String, Encoded> recent;

    SharedEncodings(int max) {
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Encoded> eldest) {
                return size() > max;
            }
        };
    }

    /** The encoding of a resource deeply equal to this one (as mapped: no version), or null. */
    Encoded get(String tenant, Resource r) {
        if (!SHARED.contains(r.fhirType())) return null;
        Encoded e;
        synchronized (this) {
            e = recent.get(key(tenant, r));
        }
        return e != null && e.as().equalsDeep(r) ? e : null;
    }

    /** Keeps the encoding of a shared resource as mapped (call before a version is stamped on it). */
    void put(String tenant, Resource r, String json, byte[] hash) {
        if (!SHARED.contains(r.fhirType())) return;
        Encoded e = new Encoded(r.copy(), json, hash);
        synchronized (this) {
            recent.put(key(tenant, r), e);
        }
    }

    private static String key(String tenant, Resource r) {
        return tenant + '\u0000' + r.fhirType() + '/' + r.getIdElement().getIdPart();
    }
}
