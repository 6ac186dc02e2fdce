package org.carebridge.mappings.discharge.bars;

import java.util.Objects;
import java.util.Set;

/**
 * Who this tenant (council) is on BaRS: the endpoints senders address it by (MessageHeader.destination.endpoint,
 * e.g. {@code http://fhir.nhs.uk/Id/dos-service-id|111111111}) and its ODS code, checked against the receiver
 * Organization when that carries one.
 */
public record BarsReceiver(String tenant, Set<String> endpoints, String odsCode) {
    public BarsReceiver {
        Objects.requireNonNull(tenant, "tenant");
        endpoints = Set.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("tenant " + tenant + ": at least one BaRS endpoint is needed");
        }
    }

    /** The endpoint this tenant names as the source of its own messages. */
    public String primaryEndpoint() {
        return endpoints.stream().sorted().findFirst().orElseThrow();
    }
}
