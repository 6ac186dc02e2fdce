package org.carebridge.rules.visits;

import java.time.Instant;
import java.util.Objects;

/**
 * One electronic call monitoring event, as stored: the worker is already a keyed pseudonym and free text has had
 * NI numbers removed (see org.carebridge.mappings.ecm.Pseudonymiser, the only producer). Events are never edited:
 * a correction is a new event whose {@code supersedes} names the event it replaces.
 *
 * @param eventId          the provider's event id, unique per provider
 * @param providerId       the provider that sent it (checked against the feed it came in on)
 * @param clientId         the council's person id as the provider knows it
 * @param orderId          the order (SDO / purchase order) it is delivered under; null if the feed does not say
 * @param visitId          the planned visit it belongs to; null if the feed does not say (then matched by time)
 * @param worker           worker pseudonym
 * @param kind             check-in, check-out, no-reply, refusal, person-in-hospital
 * @param time             when it happened (for a manual entry: the time it records, not when it was typed)
 * @param method           how it was recorded; null only for events other than check-in/out that do not say
 * @param locationVerified whether the device confirmed it was at the person's home
 * @param manual           present when method is MANUAL
 * @param reason           refusal reason or other free text; may be null
 * @param supersedes       event id this one corrects; null for an original event
 */
public record VisitEvent(String eventId, String providerId, String clientId, String orderId, String visitId,
                         String worker, EventKind kind, Instant time, CheckInMethod method, boolean locationVerified,
                         ManualEntry manual, String reason, String supersedes) {
    public VisitEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        if (method == CheckInMethod.MANUAL && manual == null) {
            throw new IllegalArgumentException("manual event " + eventId + " without manual-entry details");
        }
    }

    public boolean isManual() {
        return method == CheckInMethod.MANUAL;
    }
}
