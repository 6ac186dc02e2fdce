package org.carebridge.rules.visits;

import java.time.Instant;

/**
 * Something the council must be told (K:2315-2342): raised by a judgement, sent by the gateway as a Task.
 * {@link #key()} is the same however often the visit is judged, so the store can refuse to raise it twice.
 *
 * @param reason code of CodeSystem CareBridge-NotificationReason, as named in the rule pack
 * @param at     when the condition arose (the missed threshold, the event time)
 */
public record Notification(String tenant, String visitId, String orderId, String clientId, String providerId,
                           String reason, Instant at, String detail, String source) {
    public String key() {
        return tenant + "/" + visitId + "/" + reason;
    }
}
