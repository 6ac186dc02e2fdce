package org.carebridge.mappings.discharge.bars;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Resolves references inside a message Bundle: by entry fullUrl (urn:uuid:...) or by Type/id. */
final class BundleIndex {
    private final Map<String, Resource> byKey = new HashMap<>();

    BundleIndex(Bundle bundle) {
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r == null) {
                continue;
            }
            if (e.hasFullUrl()) {
                byKey.putIfAbsent(e.getFullUrl(), r);
            }
            if (r.hasIdElement() && r.getIdElement().hasIdPart()) {
                byKey.putIfAbsent(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
    }

    <T extends Resource> Optional<T> resolve(Reference ref, Class<T> type) {
        if (ref == null || !ref.hasReference()) {
            return Optional.empty();
        }
        // The reference string decides: HAPI's parser may have cached a resource object on the Reference that a
        // later change to the string does not clear.
        Resource r = byKey.get(ref.getReference());
        return type.isInstance(r) ? Optional.of(type.cast(r)) : Optional.empty();
    }
}
