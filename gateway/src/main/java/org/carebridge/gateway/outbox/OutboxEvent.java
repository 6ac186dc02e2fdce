package org.carebridge.gateway.outbox;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Something providers or hospitals should hear about, appended by a feed in the same transaction as the FHIR
 * change. Only Subscriptions whose criteria name one of the {@code recipients} receive it (data protection:
 * the feed decides who may see this person's care), and only {@code payloadJson} is ever sent — the feed puts
 * there what the recipients may see, or null to announce the change by id only.
 *
 * @param person       the Patient id it is about; deliveries keep order per person
 * @param kind         offer, order-changed, order-cancelled, suspension, alert...
 * @param recipients   references such as {@code Organization/acme-care}
 * @param payloadJson  a FHIR resource in JSON, or null
 */
public record OutboxEvent(String person, String kind, String resourceType, String resourceId, List<String> recipients,
                          String payloadJson) {
    public static final String OFFER = "offer";
    public static final String ORDER_CHANGED = "order-changed";
    public static final String ORDER_CANCELLED = "order-cancelled";
    public static final String SUSPENSION = "suspension";
    public static final String ALERT = "alert";

    private static final Pattern KIND = Pattern.compile("[a-z][a-z-]{0,39}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}");

    public OutboxEvent {
        if (person == null || person.isBlank()) throw new IllegalArgumentException("outbox event without person");
        if (kind == null || !KIND.matcher(kind).matches()) throw new IllegalArgumentException("outbox event kind '" + kind + "' is not a lower-case name");
        if (resourceType == null || resourceId == null) throw new IllegalArgumentException("outbox event without resource");
        recipients = List.copyOf(recipients);
        for (String r : recipients) {
            if (!REFERENCE.matcher(r).matches()) throw new IllegalArgumentException("recipient '" + r + "' is not a Type/id reference");
        }
    }
}
