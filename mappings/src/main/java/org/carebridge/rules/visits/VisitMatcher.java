package org.carebridge.rules.visits;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the planned visit an event belongs to. Feeds name the client and often the order, rarely the visit, so
 * an event without a visit id goes to the person's planned visit whose window (widened by {@code slack} each side)
 * holds the event time, nearest planned start for a check-in and nearest planned end otherwise. An event that
 * fits nothing is rejected with a reason and kept by the caller for replay once the rota or order arrives.
 */
public final class VisitMatcher {
    /** Why an event could not be placed. */
    public enum Rejection {
        UNKNOWN_CLIENT("no planned visits for this client from this provider"),
        UNKNOWN_ORDER("no planned visits for this client under this order"),
        UNKNOWN_VISIT("no planned visit with this visit id for this client"),
        NO_VISIT_AT_THIS_TIME("no planned visit for this client near the event time");

        private final String reason;

        Rejection(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public sealed interface Match permits Matched, Rejected {}

    public record Matched(PlannedVisit visit) implements Match {}

    public record Rejected(String eventId, Rejection rejection) implements Match {
        public String reason() {
            return rejection.reason();
        }
    }

    private final Duration slack;

    public VisitMatcher(Duration slack) {
        this.slack = slack;
    }

    /** Three hours each side: later than Kent's two-hour missed threshold, so a very late check-in still lands. */
    public static VisitMatcher standard() {
        return new VisitMatcher(Duration.ofHours(3));
    }

    /** @param planned the planned visits the gateway holds for this event's client (any provider, any order) */
    public Match match(VisitEvent event, Collection<PlannedVisit> planned) {
        List<PlannedVisit> mine = planned.stream()
                .filter(v -> v.clientId().equals(event.clientId()) && event.providerId().equals(v.providerId()))
                .toList();
        if (mine.isEmpty()) {
            return new Rejected(event.eventId(), Rejection.UNKNOWN_CLIENT);
        }
        if (event.orderId() != null) {
            mine = mine.stream().filter(v -> v.orderId().equals(event.orderId())).toList();
            if (mine.isEmpty()) {
                return new Rejected(event.eventId(), Rejection.UNKNOWN_ORDER);
            }
        }
        if (event.visitId() != null) {
            return mine.stream().filter(v -> v.visitId().equals(event.visitId())).findFirst()
                    .<Match>map(Matched::new)
                    .orElseGet(() -> new Rejected(event.eventId(), Rejection.UNKNOWN_VISIT));
        }
        Instant t = event.time();
        Comparator<PlannedVisit> nearest = Comparator.comparing(v -> Duration.between(
                event.kind() == EventKind.CHECK_IN || event.kind().isAttendanceOutcome() ? v.start() : v.end(), t).abs());
        Optional<PlannedVisit> best = mine.stream()
                .filter(v -> !v.cancelled())
                .filter(v -> !t.isBefore(v.start().minus(slack)) && !t.isAfter(v.end().plus(slack)))
                .min(nearest.thenComparing(PlannedVisit::visitId));
        return best.<Match>map(Matched::new).orElseGet(() -> new Rejected(event.eventId(), Rejection.NO_VISIT_AT_THIS_TIME));
    }
}
