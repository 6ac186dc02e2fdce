package org.carebridge.rules.visits;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the events so far say about one planned visit, judged against one council's rule pack at one moment.
 * Judging again with more events, or later, gives a new judgement; nothing here is updated in place.
 *
 * @param status        the Appointment status
 * @param workers       per-worker actual periods, in order of first appearance
 * @param actualStart   first check-in, if any
 * @param actualEnd     last check-out once every worker has checked out
 * @param method        visit-level check-in method: MANUAL if any time was typed in, else that of the first check-in
 * @param outcome       no-reply, refusal or person-in-hospital, if such an event decides the visit
 * @param outcomeReason the refusal reason (or other outcome text), scrubbed
 * @param payableReasons why payable is what it is; DELIVERED alone when paid in full
 * @param usedEvents    ids of the events the judgement rests on
 * @param ignoredEvents duplicates, superseded events and the like
 * @param judgedAt      the "now" it was judged at
 */
public record VisitJudgement(PlannedVisit visit, AppointmentStatus status, List<WorkerPeriod> workers,
                             Instant actualStart, Instant actualEnd, CheckInMethod method, Verification verification,
                             EventKind outcome, String outcomeReason, List<VisitException> exceptions,
                             boolean payable, List<PayableReason> payableReasons, List<Notification> notifications,
                             List<String> usedEvents, List<IgnoredEvent> ignoredEvents, Instant judgedAt) {
    public VisitJudgement {
        workers = List.copyOf(workers);
        exceptions = List.copyOf(exceptions);
        payableReasons = List.copyOf(payableReasons);
        notifications = List.copyOf(notifications);
        usedEvents = List.copyOf(usedEvents);
        ignoredEvents = List.copyOf(ignoredEvents);
    }

    public boolean has(VisitExceptionCode code) {
        return exceptions.stream().anyMatch(e -> e.code() == code);
    }

    public Optional<Notification> notification(String reason) {
        return notifications.stream().filter(n -> n.reason().equals(reason)).findFirst();
    }

    /** A refusal decided this visit: counts towards consecutive refusals (K:2323). */
    public boolean refused() {
        return outcome == EventKind.REFUSAL;
    }
}
