package org.carebridge.gateway.discharge;

import jakarta.inject.Singleton;
import org.carebridge.gateway.outbox.OutboxEvent;
import org.carebridge.gateway.outbox.OutboxWriter;
import org.carebridge.gateway.outbox.SubscriptionGuard;
import org.carebridge.gateway.store.StoreSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What discharge tells others after a write: outbox events appended in the causing transaction (a rolled-back
 * message notifies no one), delivered by the outbox to the recipients' rest-hook Subscriptions, or — for replies to
 * a hospital that asked for an asynchronous answer — to that one endpoint. The recipients are decided here and only
 * here: a provider hears about its own offers and orders, never about offers made to others.
 */
@Singleton
public class DischargeNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(DischargeNotifications.class);

    // Kinds (X-CareBridge-Event). Providers: offer, offer-withdrawn, order-started, admission, suspension,
    // visit-cancelled, restart, visit-rebooked, admission-cancelled, discharge-cancelled. Brokerage: offer-accepted,
    // offer-declined, all-offers-declined, alert, referral-updated, referral-cancelled, bars-response-received and the
    // stay notices. Hospitals (endpoint): bars-response, care-act-answer.
    public static final String OFFER = OutboxEvent.OFFER;
    public static final String OFFER_ACCEPTED = "offer-accepted";
    public static final String OFFER_DECLINED = "offer-declined";
    public static final String OFFER_WITHDRAWN = "offer-withdrawn";
    public static final String ALL_OFFERS_DECLINED = "all-offers-declined";
    public static final String ORDER_STARTED = "order-started";
    public static final String ALERT = OutboxEvent.ALERT;
    public static final String REFERRAL_UPDATED = "referral-updated";
    public static final String REFERRAL_CANCELLED = "referral-cancelled";
    public static final String BARS_RESPONSE_RECEIVED = "bars-response-received";
    public static final String SUSPENSION = OutboxEvent.SUSPENSION;
    public static final String VISIT_CANCELLED = "visit-cancelled";
    public static final String VISIT_REBOOKED = "visit-rebooked";
    public static final String BARS_RESPONSE = "bars-response";
    public static final String CARE_ACT_ANSWER = "care-act-answer";

    private final OutboxWriter outbox;
    private final SubscriptionGuard endpoints;

    public DischargeNotifications(OutboxWriter outbox, SubscriptionGuard endpoints) {
        this.outbox = outbox;
        this.endpoints = endpoints;
    }

    /**
     * An event about {@code resourceType/resourceId} of a person for the Subscriptions of {@code recipients}.
     *
     * @param payloadJson what the recipients may see (FHIR JSON), or null for the reference only
     */
    public void notify(StoreSession s, String kind, String person, String resourceType, String resourceId,
                       String payloadJson, List<String> recipients) throws SQLException {
        outbox.append(s, new OutboxEvent(person, kind, resourceType, resourceId, recipients, payloadJson));
    }

    public void notify(StoreSession s, String kind, String person, String reference, String payloadJson, String recipient)
            throws SQLException {
        int slash = reference.indexOf('/');
        notify(s, kind, person, reference.substring(0, slash), reference.substring(slash + 1), payloadJson, List.of(recipient));
    }

    /**
     * A message for the endpoint a hospital named in MessageHeader.source.endpoint. Queued only when the gateway
     * may call it (https; see {@link SubscriptionGuard#deliverable}): a sender cannot point deliveries at anything
     * else. Returns whether it was queued.
     */
    public boolean reply(StoreSession s, String kind, String person, String resourceType, String resourceId, String endpoint,
                         Map<String, String> headers, String payloadJson) throws SQLException {
        if (endpoint == null || !endpoints.deliverable(endpoint)) {
            LOG.info("tenant={} {} for {}/{} not queued: the source endpoint is not an https URL", s.tenant(), kind,
                    resourceType, resourceId);
            return false;
        }
        outbox.append(s, OutboxEvent.toEndpoint(person, kind, resourceType, resourceId,
                new OutboxEvent.Endpoint(endpoint, headers), payloadJson));
        return true;
    }

    /** The Patient id of a subject reference ("Patient/123" → "123"), the outbox's ordering key. */
    static String person(String subjectReference) {
        if (subjectReference == null || subjectReference.isBlank()) return null;
        return subjectReference.substring(subjectReference.lastIndexOf('/') + 1);
    }
}
