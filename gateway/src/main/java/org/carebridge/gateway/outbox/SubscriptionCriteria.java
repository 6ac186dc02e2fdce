package org.carebridge.gateway.outbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The criteria of a rest-hook Subscription, e.g. {@code ServiceRequest?performer=Organization/acme-care}: a
 * resource type and the audience it speaks for. A subscription hears about an event only if the event lists that
 * audience among its recipients, so a provider is never told about people it may not see. Criteria without an
 * audience are refused.
 */
public record SubscriptionCriteria(String resourceType, Map<String, List<String>> audience) {
    /** Parameters that name who is subscribing; values are references, comma-separated for "any of". */
    static final Set<String> AUDIENCE_PARAMS = Set.of("performer", "actor", "recipient", "owner", "organization");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]+");
    private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}");

    public static SubscriptionCriteria parse(String criteria) {
        if (criteria == null || criteria.isBlank()) throw new IllegalArgumentException("Subscription.criteria is required");
        int q = criteria.indexOf('?');
        String type = q < 0 ? criteria : criteria.substring(0, q);
        if (!TYPE.matcher(type).matches()) throw new IllegalArgumentException("Subscription.criteria must start with a resource type");
        Map<String, List<String>> audience = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : criteria.substring(q + 1).split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!AUDIENCE_PARAMS.contains(name)) {
                    throw new IllegalArgumentException("Subscription.criteria parameter '" + name + "' is not supported (use "
                            + String.join(", ", AUDIENCE_PARAMS.stream().sorted().toList()) + ")");
                }
                List<String> refs = List.of(value.split(","));
                for (String r : refs) {
                    if (!REFERENCE.matcher(r).matches()) {
                        throw new IllegalArgumentException("Subscription.criteria " + name + " must be a Type/id reference");
                    }
                }
                audience.put(name, refs);
            }
        }
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("Subscription.criteria must name who subscribes, e.g. "
                    + type + "?performer=Organization/{id}");
        }
        return new SubscriptionCriteria(type, Map.copyOf(audience));
    }

    /** Every audience parameter must be satisfied by one of the event's recipients. */
    public boolean matches(String eventResourceType, Collection<String> recipients) {
        return resourceType.equals(eventResourceType)
                && audience.values().stream().allMatch(refs -> refs.stream().anyMatch(recipients::contains));
    }
}
