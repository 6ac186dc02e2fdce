package org.carebridge.rules.visits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carebridge.profiles.rulepacks.RulePack;

/**
 * The visit state machine and rule engine: a pure function from a planned visit, the events received for it,
 * a council's rule pack and the current time to a {@link VisitJudgement}. It holds no state, so the gateway can
 * re-judge a visit whenever an event arrives or a threshold passes, and get the same answer after a restart.
 */
public final class VisitJudge {
    private VisitJudge() {}

    public static VisitJudgement judge(PlannedVisit visit, Collection<VisitEvent> received, RulePack pack, Instant now) {
        return judge(visit, received, pack, now, 0);
    }

    /**
     * @param refusalsBefore how many visits immediately before this one (same person) were refused; see
     *                       {@link Refusals#trailingRefusals}. Lets the judgement raise "three consecutive
     *                       refusals" on exactly the visit that completes the run, and only there.
     */
    public static VisitJudgement judge(PlannedVisit visit, Collection<VisitEvent> received, RulePack pack,
                                       Instant now, int refusalsBefore) {
        if (!visit.tenant().equals(pack.tenant())) {
            throw new IllegalArgumentException("visit " + visit.visitId() + " is for tenant " + visit.tenant()
                    + ", rule pack is for " + pack.tenant());
        }
        List<VisitEvent> mine = new ArrayList<>();
        List<IgnoredEvent> ignored = new ArrayList<>();
        for (VisitEvent e : received) {
            if (e.clientId().equals(visit.clientId())) {
                mine.add(e);
            } else {
                ignored.add(new IgnoredEvent(e.eventId(), IgnoredEvent.Why.OTHER_CLIENT));
            }
        }
        EventLog log = EventLog.resolve(mine);
        ignored.addAll(log.ignored());
        return new Judging(visit, pack, now, refusalsBefore, log.active(), ignored).run();
    }

    /** One judgement in progress: collects exceptions, payable reasons and notifications. */
    private static final class Judging {
        final PlannedVisit visit;
        final RulePack pack;
        final Instant now;
        final int refusalsBefore;
        final List<VisitEvent> events;
        final List<IgnoredEvent> ignored;
        final List<VisitException> exceptions = new ArrayList<>();
        final List<PayableReason> unpaid = new ArrayList<>();
        /** Reasons on a visit that is paid anyway because the pack says so (e.g. a payable hospital visit). */
        final List<PayableReason> paidAnyway = new ArrayList<>();
        final List<Notification> notifications = new ArrayList<>();

        Judging(PlannedVisit visit, RulePack pack, Instant now, int refusalsBefore, List<VisitEvent> events,
                List<IgnoredEvent> ignored) {
            this.visit = visit;
            this.pack = pack;
            this.now = now;
            this.refusalsBefore = refusalsBefore;
            this.events = events;
            this.ignored = ignored;
        }

        VisitJudgement run() {
            List<WorkerPeriod> workers = periods();
            Instant actualStart = workers.stream().map(WorkerPeriod::checkIn).filter(t -> t != null)
                    .min(Instant::compareTo).orElse(null);
            boolean started = workers.stream().anyMatch(w -> w.checkIn() != null || w.checkOut() != null);
            boolean allOut = started && workers.stream().allMatch(w -> w.checkOut() != null);
            Instant actualEnd = allOut ? workers.stream().map(WorkerPeriod::checkOut).max(Instant::compareTo).orElseThrow() : null;
            Verification verification = verification(workers);
            // The last no-reply / refusal / hospital event decides the visit, unless a worker checked in after it
            // (no reply at first, let in on a second try): then the care was delivered.
            Optional<VisitEvent> outcome = events.stream().filter(e -> e.kind().isAttendanceOutcome())
                    .reduce((a, b) -> b)
                    .filter(o -> events.stream().noneMatch(e -> e.kind() == EventKind.CHECK_IN && e.time().isAfter(o.time())));

            manualEntryRule();
            AppointmentStatus status;
            boolean payable;
            if (visit.cancelled()) {
                status = AppointmentStatus.CANCELLED;
                payable = false;
                unpaid.add(PayableReason.CANCELLED);
            } else if (outcome.isPresent()) {
                status = outcomeStatus(outcome.get());
                outcomeRule(outcome.get());
                payable = unpaid.isEmpty();
            } else if (!started) {
                if (MissedThreshold.isMissed(visit, pack, now)) {
                    status = AppointmentStatus.NOSHOW;
                    missed("no check-in by the missed threshold", MissedThreshold.missedAt(visit, pack));
                } else {
                    status = AppointmentStatus.BOOKED;
                    unpaid.add(PayableReason.PENDING);
                }
                payable = false;
            } else {
                status = allOut ? AppointmentStatus.FULFILLED : AppointmentStatus.ARRIVED;
                deliveredRules(workers, actualStart, actualEnd);
                if (!allOut) {
                    unpaid.add(PayableReason.PENDING);
                } else if (verification.checkInMissing() || verification.checkOutBeforeCheckIn()) {
                    unpaid.add(PayableReason.INCOMPLETE_RECORD);
                }
                payable = unpaid.isEmpty();
            }
            List<PayableReason> reasons = new ArrayList<>();
            if (!payable) {
                reasons.addAll(unpaid);
            } else {
                // Paid: "delivered" for care given, then what the pack lets through (late, a payable void visit).
                if (status == AppointmentStatus.FULFILLED || paidAnyway.isEmpty()) {
                    reasons.add(PayableReason.DELIVERED);
                }
                reasons.addAll(paidAnyway);
            }
            reasons = dedupe(reasons);
            CheckInMethod method = workers.stream().anyMatch(WorkerPeriod::manual) ? CheckInMethod.MANUAL
                    : events.stream().filter(e -> e.kind() == EventKind.CHECK_IN).map(VisitEvent::method)
                    .filter(m -> m != null).findFirst().orElse(null);
            return new VisitJudgement(visit, status, workers, actualStart, actualEnd, method, verification,
                    outcome.map(VisitEvent::kind).orElse(null), outcome.map(VisitEvent::reason).orElse(null),
                    exceptions, payable, reasons, notifications,
                    events.stream().map(VisitEvent::eventId).toList(), ignored, now);
        }

        private List<WorkerPeriod> periods() {
            Map<String, List<VisitEvent>> byWorker = new LinkedHashMap<>();
            for (VisitEvent e : events) {
                if (e.kind() == EventKind.CHECK_IN || e.kind() == EventKind.CHECK_OUT) {
                    byWorker.computeIfAbsent(e.worker(), w -> new ArrayList<>()).add(e);
                }
            }
            List<WorkerPeriod> out = new ArrayList<>();
            byWorker.forEach((worker, es) -> {
                // Events are time-ordered: the first check-in and the last check-out bound the worker's stay.
                VisitEvent in = es.stream().filter(e -> e.kind() == EventKind.CHECK_IN).findFirst().orElse(null);
                VisitEvent out0 = es.stream().filter(e -> e.kind() == EventKind.CHECK_OUT).reduce((a, b) -> b).orElse(null);
                out.add(new WorkerPeriod(worker, in == null ? null : in.time(), out0 == null ? null : out0.time(),
                        in == null ? null : in.method(), out0 == null ? null : out0.method(),
                        es.stream().allMatch(VisitEvent::locationVerified)));
            });
            return out;
        }

        private Verification verification(List<WorkerPeriod> workers) {
            List<VisitEvent> checks = events.stream()
                    .filter(e -> e.kind() == EventKind.CHECK_IN || e.kind() == EventKind.CHECK_OUT).toList();
            return new Verification(
                    !checks.isEmpty() && checks.stream().allMatch(e -> e.method() != null && e.method().electronic()),
                    !checks.isEmpty() && checks.stream().allMatch(VisitEvent::locationVerified),
                    workers.stream().anyMatch(w -> w.checkIn() == null),
                    workers.stream().anyMatch(w -> w.checkOut() == null),
                    workers.stream().anyMatch(w -> w.checkIn() != null && w.checkOut() != null
                            && w.checkOut().isBefore(w.checkIn())),
                    events.stream().filter(VisitEvent::isManual).map(e -> e.manual().exceptionCode()).distinct().toList());
        }

        private AppointmentStatus outcomeStatus(VisitEvent e) {
            // No reply: the person did not appear. Refusal and hospital: the visit was called off at the door.
            return e.kind() == EventKind.NO_REPLY ? AppointmentStatus.NOSHOW : AppointmentStatus.CANCELLED;
        }

        private void outcomeRule(VisitEvent e) {
            switch (e.kind()) {
                case NO_REPLY -> {
                    RulePack.Outcome r = pack.noReply();
                    raise(VisitExceptionCode.NO_RESPONSE, "no reply at the door", r.source(), r.payable(),
                            r.notification(), e.time());
                }
                case PERSON_IN_HOSPITAL -> {
                    RulePack.Hospital r = pack.hospitalAdmission();
                    raise(VisitExceptionCode.VOID, "person in hospital", r.source(), r.payable(), r.notification(),
                            e.time());
                }
                default -> {
                    RulePack.Refusals r = pack.refusals();
                    // H:532: the reason given goes to the council with the refusal.
                    String detail = e.reason() == null || e.reason().isBlank()
                            ? (r.reasonRequired() ? "refused; reason missing but required" : "refused")
                            : "refused: " + e.reason();
                    raise(VisitExceptionCode.REFUSED, detail, r.source(), r.payable(), Optional.empty(), e.time());
                    int run = refusalsBefore + 1;
                    // Notify on the visit that completes each run of N (3rd, 6th ... for Kent; every one for N = 1).
                    if (run % r.consecutive() == 0 && r.notification().isPresent()) {
                        notify(r.notification().get(), e.time(), run + " consecutive refused visit(s); " + detail, r.source());
                    }
                }
            }
        }

        private void deliveredRules(List<WorkerPeriod> workers, Instant actualStart, Instant actualEnd) {
            boolean missed = false;
            if (actualStart != null && MissedThreshold.isMissed(visit, pack, actualStart)) {
                // K:1724: started more than two hours late is a missed call even though it happened. Care was
                // received, so it stays payable; the council is told.
                missed = true;
                RulePack.Missed m = pack.missed();
                exceptions.add(new VisitException(VisitExceptionCode.MISSED,
                        "started " + minutes(Duration.between(visit.start(), actualStart)) + " min after the planned start",
                        m.source()));
                m.notification().ifPresent(n -> notify(n, MissedThreshold.missedAt(visit, pack),
                        "started after the missed threshold", m.source()));
            }
            if (actualStart != null && !missed) {
                for (RulePack.Punctuality p : pack.punctualityFor(visit.timeCritical())) {
                    Duration dev = Duration.between(visit.start(), actualStart);
                    if (p.breachWhen().breached(dev.abs(), p.tolerance())) {
                        boolean late = !dev.isNegative();
                        raise(late ? VisitExceptionCode.LATE : VisitExceptionCode.EARLY,
                                "first check-in " + minutes(dev.abs()) + " min " + (late ? "after" : "before")
                                        + " the planned start (tolerance " + minutes(p.tolerance()) + " min)",
                                p.source(), p.payable(), p.notification(), actualStart);
                    }
                }
            }
            pack.doubleUp().ifPresent(d -> doubleUpRule(d, workers, actualStart, actualEnd));
            pack.shortVisit().ifPresent(s -> {
                if (actualStart != null && actualEnd != null && !actualEnd.isBefore(actualStart)) {
                    Duration length = Duration.between(actualStart, actualEnd);
                    boolean plannedShort = visit.plannedDuration().compareTo(s.atMost()) <= 0;
                    if (length.compareTo(s.atMost()) <= 0 && !(plannedShort && s.exemptWhenPlannedShort())) {
                        raise(VisitExceptionCode.SHORT_VISIT, "visit lasted " + minutes(length) + " min (limit: more than "
                                + minutes(s.atMost()) + " min)", s.source(), s.payable(), s.notification(), actualEnd);
                    }
                }
            });
        }

        private void doubleUpRule(RulePack.DoubleUp d, List<WorkerPeriod> workers, Instant actualStart,
                                  Instant actualEnd) {
            if (visit.workersRequired() < 2 || actualStart == null) {
                return;
            }
            List<Instant> arrivals = workers.stream().map(WorkerPeriod::checkIn).filter(t -> t != null).sorted().toList();
            int needed = visit.workersRequired();
            if (arrivals.size() >= needed) {
                Duration gap = Duration.between(arrivals.get(0), arrivals.get(needed - 1));
                if (d.maxArrivalGap().isPresent() && d.breachWhen().breached(gap, d.maxArrivalGap().get())) {
                    raise(VisitExceptionCode.DOUBLE_UP_LATE, "workers arrived " + minutes(gap) + " min apart (limit "
                            + minutes(d.maxArrivalGap().get()) + " min)", d.source(), d.payable(), d.notification(),
                            arrivals.get(needed - 1));
                }
                return;
            }
            // Fewer workers than the plan needs: a breach once the visit is over, or once the arrival window has
            // passed without the second worker.
            Optional<Instant> windowClosed = d.maxArrivalGap().map(g -> arrivals.get(0).plus(g));
            boolean over = actualEnd != null || windowClosed.map(w -> d.breachWhen() == org.carebridge.profiles.rulepacks.RulePack.Breach.MORE_THAN
                    ? now.isAfter(w) : !now.isBefore(w)).orElse(false);
            if (over) {
                raise(VisitExceptionCode.DOUBLE_UP_LATE, arrivals.size() + " of " + needed + " workers checked in",
                        d.source(), d.payable(), d.notification(), actualEnd != null ? actualEnd : now);
            }
        }

        private void manualEntryRule() {
            pack.manualEntry().ifPresent(m -> {
                for (VisitEvent e : events) {
                    if (e.isManual()) {
                        Duration delay = Duration.between(e.time(), e.manual().enteredAt());
                        if (m.breachWhen().breached(delay, m.lateAfter())) {
                            raise(VisitExceptionCode.MANUAL_ENTRY_LATE, e.kind().code() + " entered "
                                    + delay.toHours() + " h " + delay.toMinutesPart() + " min after the time it records (limit "
                                    + m.lateAfter().toHours() + " h)", m.source(), m.payable(), m.notification(),
                                    e.manual().enteredAt());
                        }
                    }
                }
            });
        }

        private void missed(String detail, Instant at) {
            RulePack.Missed m = pack.missed();
            exceptions.add(new VisitException(VisitExceptionCode.MISSED, detail, m.source()));
            unpaid.add(PayableReason.NOT_DELIVERED);
            m.notification().ifPresent(n -> notify(n, at, detail, m.source()));
        }

        private void raise(VisitExceptionCode code, String detail, String source, boolean payable,
                           Optional<String> notification, Instant at) {
            if (exceptions.stream().anyMatch(x -> x.code() == code)) {
                return; // one exception of a kind per visit, e.g. two late manual entries
            }
            exceptions.add(new VisitException(code, detail, source));
            (payable ? paidAnyway : unpaid).add(PayableReason.of(code));
            notification.ifPresent(n -> notify(n, at, detail, source));
        }

        private void notify(String reason, Instant at, String detail, String source) {
            if (notifications.stream().noneMatch(n -> n.reason().equals(reason))) {
                notifications.add(new Notification(visit.tenant(), visit.visitId(), visit.orderId(), visit.clientId(),
                        visit.providerId(), reason, at, detail, source));
            }
        }

        private static List<PayableReason> dedupe(List<PayableReason> rs) {
            return rs.stream().distinct().toList();
        }

        private static long minutes(Duration d) {
            return d.toMinutes();
        }
    }
}
