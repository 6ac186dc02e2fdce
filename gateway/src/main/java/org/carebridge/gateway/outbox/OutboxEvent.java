package org.carebridge.gateway.outbox;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Something providers or hospitals should hear about, appended by a feed in the same transaction as the FHIR
 * change. Only Subscriptions whose criteria name one of the {@code recipients} receive it (data protection:
 * the feed decides who may see this person's care), and only {@code payloadJson} is ever sent — the feed puts
 * there what the recipients may see, or null to announce the change by id only.
 *
 * <p>An event may instead be addressed to one explicit {@code endpoint} (a hospital's BaRS endpoint asking for an
 * asynchronous response): then no Subscription receives it, it has no recipients, and it is POSTed there with its
 * payload and the endpoint's headers, with the same at-least-once delivery, retries and dead letters.
 *
 * @param person       the Patient id it is about (or, for a message about no stored person, the message's id);
 *                     deliveries keep order per person
 * @param kind         offer, order-changed, order-cancelled, suspension, alert...
 * @param recipients   references such as {@code Organization/acme-care}
 * @param payloadJson  a FHIR resource in JSON, or null
 * @param endpoint     the one address it goes to, or null for Subscription delivery
 */
public record OutboxEvent(String person, String kind, String resourceType, String resourceId, List<String> recipients,
                          String payloadJson, Endpoint endpoint) {
    public static final String OFFER = "offer";
    public static final String ORDER_CHANGED = "order-changed";
    public static final String ORDER_CANCELLED = "order-cancelled";
    public static final String SUSPENSION = "suspension";
    public static final String ALERT = "alert";

    private static final Pattern KIND = Pattern.compile("[a-z][a-z-]{0,39}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /**
     * An explicit delivery address: an http(s) URL (the caller has checked it is one it may call) and headers sent
     * with every attempt, e.g. the BaRS {@code X-Request-Id} — the same on every retry so the receiver can replay.
     */
    public record Endpoint(String url, Map<String, String> headers) {
        public Endpoint {
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new IllegalArgumentException("outbox endpoint must be an http(s) URL");
            }
            headers = Map.copyOf(headers);
            for (var h : headers.entrySet()) {
                if (!HEADER_NAME.matcher(h.getKey()).matches() || h.getValue().contains("\r") || h.getValue().contains("\n")) {
                    throw new IllegalArgumentException("outbox endpoint header '" + h.getKey() + "' is not a plain header");
                }
            }
        }
    }

    /** An event for the Subscriptions of its recipients. */
    public OutboxEvent(String person, String kind, String resourceType, String resourceId, List<String> recipients,
                       String payloadJson) {
        this(person, kind, resourceType, resourceId, recipients, payloadJson, null);
    }

    /** An event for one endpoint only; the payload is what is sent. */
    public static OutboxEvent toEndpoint(String person, String kind, String resourceType, String resourceId,
                                         Endpoint endpoint, String payloadJson) {
        if (endpoint == null || payloadJson == null) throw new IllegalArgumentException("an endpoint event needs an endpoint and a payload");
        return new OutboxEvent(person, kind, resourceType, resourceId, List.of(), payloadJson, endpoint);
    }

    public OutboxEvent {
        if (person == null || person.isBlank()) throw new IllegalArgumentException("outbox event without person");
        if (kind == null || !KIND.matcher(kind).matches()) throw new IllegalArgumentException("outbox event kind '" + kind + "' is not a lower-case name");
        if (resourceType == null || resourceId == null) throw new IllegalArgumentException("outbox event without resource");
        recipients = List.copyOf(recipients);
        for (String r : recipients) {
            if (!REFERENCE.matcher(r).matches()) throw new IllegalArgumentException("recipient '" + r + "' is not a Type/id reference");
        }
        if (endpoint != null && !recipients.isEmpty()) {
            throw new IllegalArgumentException("an outbox event goes to an endpoint or to recipients, not both");
        }
    }
}
