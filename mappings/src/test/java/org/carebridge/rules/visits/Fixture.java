package org.carebridge.rules.visits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.profiles.rulepacks.RulePacks;

/** Planned visits and events at minute offsets from a fixed planned start, for table-driven rule tests. */
final class Fixture {
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private Fixture() {}

    static RulePack pack(String tenant) {
        return RulePacks.bundled(tenant);
    }

    static Instant at(double minutes) {
        return START.plus(Duration.ofSeconds(Math.round(minutes * 60)));
    }

    static PlannedVisit visit(String tenant, int plannedMinutes, boolean timeCritical, int workers) {
        return visit(tenant, "V1", START, plannedMinutes, timeCritical, workers);
    }

    static PlannedVisit visit(String tenant, String id, Instant start, int plannedMinutes, boolean timeCritical,
                              int workers) {
        return new PlannedVisit(tenant, id, "ORD-1", "P-100", "PRV-1", start, start.plus(Duration.ofMinutes(plannedMinutes)),
                timeCritical, workers, false);
    }

    static VisitEvent event(EventKind kind, String worker, double minutes) {
        return new VisitEvent("E" + IDS.incrementAndGet(), "PRV-1", "P-100", "ORD-1", null, worker, kind, at(minutes),
                kind == EventKind.CHECK_IN || kind == EventKind.CHECK_OUT ? CheckInMethod.APP : null, true, null, null, null);
    }

    static VisitEvent in(String worker, double minutes) {
        return event(EventKind.CHECK_IN, worker, minutes);
    }

    static VisitEvent out(String worker, double minutes) {
        return event(EventKind.CHECK_OUT, worker, minutes);
    }

    static VisitEvent manual(EventKind kind, String worker, double minutes, Duration enteredAfter) {
        return new VisitEvent("M" + IDS.incrementAndGet(), "PRV-1", "P-100", "ORD-1", null, worker, kind, at(minutes),
                CheckInMethod.MANUAL, false, new ManualEntry("phone-failure", "phone battery flat", "office-1",
                at(minutes).plus(enteredAfter)), null, null);
    }

    static VisitEvent refusal(String worker, Instant when, String reason) {
        return new VisitEvent("R" + IDS.incrementAndGet(), "PRV-1", "P-100", "ORD-1", null, worker, EventKind.REFUSAL,
                when, null, true, null, reason, null);
    }

    static VisitEvent correcting(VisitEvent original, double newMinutes, CheckInMethod method, ManualEntry manual) {
        return new VisitEvent(original.eventId() + "-c", original.providerId(), original.clientId(), original.orderId(),
                original.visitId(), original.worker(), original.kind(), at(newMinutes), method, original.locationVerified(),
                manual, original.reason(), original.eventId());
    }

    static List<VisitEvent> list(VisitEvent... es) {
        return new ArrayList<>(List.of(es));
    }

    static List<String> codes(VisitJudgement j) {
        return j.exceptions().stream().map(e -> e.code().code()).toList();
    }
}
