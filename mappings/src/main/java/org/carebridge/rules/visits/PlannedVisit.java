package org.carebridge.rules.visits;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A visit on the provider's rota for an order: the yardstick the events are judged against.
 *
 * @param tenant          council id (rule pack tenant)
 * @param visitId         stable id of the planned visit (the provider's rota id)
 * @param orderId         the order / package of care it delivers
 * @param clientId        the person
 * @param providerId      the provider delivering it
 * @param start           planned start (the time on the order, K:1721)
 * @param end             planned end
 * @param timeCritical    time-critical care (H:1228, H:3103)
 * @param workersRequired 1, or 2 for double-handed care (K:937)
 * @param cancelled       cancelled on the rota before it was due
 */
public record PlannedVisit(String tenant, String visitId, String orderId, String clientId, String providerId,
                           Instant start, Instant end, boolean timeCritical, int workersRequired, boolean cancelled) {
    public PlannedVisit {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("planned visit " + visitId + " ends before it starts");
        }
        if (workersRequired < 1 || workersRequired > 4) {
            throw new IllegalArgumentException("planned visit " + visitId + " needs 1-4 workers, not " + workersRequired);
        }
    }

    public Duration plannedDuration() {
        return Duration.between(start, end);
    }
}
