package org.carebridge.rules.referrals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deadlines of one referral (or one offer to a provider) and its breaches, from a tenant's
 * {@link ReferralClockRules}. Pure: times go in, deadlines and breaches come out.
 *
 * <p>Response window = the start-date band (H:794-804) or, when the request is graded (priority, or a hospital
 * discharge raised to at least the discharge grade, H:3085-3095), the grade's window when that is shorter: a
 * request is never given longer than either rule allows.
 */
public final class ReferralClocks {
    private final ReferralClockRules rules;

    public ReferralClocks(ReferralClockRules rules) {
        this.rules = rules;
    }

    /**
     * @param clockStart     when the request reached the party that must answer (received, or offered: K:3122)
     * @param requestedStart when the package should start; null when not given (the last band applies)
     * @param priority       FHIR ServiceRequest.priority or null
     * @param discharge      hospital discharge request
     */
    public record Request(Instant clockStart, Instant requestedStart, String priority, boolean discharge) {}

    public record Deadlines(Instant acknowledgeBy, Instant respondBy, Duration responseWindow, String grade) {}

    public enum Clock { ACKNOWLEDGEMENT, RESPONSE }

    /** A missed deadline; {@code late} is how late the answer was, or has been so far when still open. */
    public record Breach(Clock clock, Instant deadline, Duration late, boolean stillOpen) {}

    public Deadlines deadlines(Request r) {
        Duration band = bandWindow(r);
        Optional<String> grade = grade(r);
        Duration window = grade.map(g -> min(band, rules.grades().get(g))).orElse(band);
        return new Deadlines(r.clockStart().plus(rules.acknowledgeWithin()), r.clockStart().plus(window), window,
                grade.orElse(null));
    }

    /**
     * Breaches as of {@code now}: a clock is breached when its answer came after the deadline, or has not come and
     * the deadline has passed. Answering exactly at the deadline is in time.
     */
    public List<Breach> breaches(Request r, Instant acknowledgedAt, Instant respondedAt, Instant now) {
        Deadlines d = deadlines(r);
        List<Breach> out = new ArrayList<>();
        check(Clock.ACKNOWLEDGEMENT, d.acknowledgeBy(), acknowledgedAt != null ? acknowledgedAt : respondedAt, now)
                .ifPresent(out::add);
        check(Clock.RESPONSE, d.respondBy(), respondedAt, now).ifPresent(out::add);
        return out;
    }

    /** KPI figures: how long each answer took (null when not yet answered) and whether it was in time. */
    public record Times(Duration acknowledgedIn, Duration respondedIn, boolean acknowledgedInTime, boolean respondedInTime) {}

    public Times times(Request r, Instant acknowledgedAt, Instant respondedAt) {
        Deadlines d = deadlines(r);
        Instant ack = acknowledgedAt != null ? acknowledgedAt : respondedAt;
        return new Times(ack == null ? null : Duration.between(r.clockStart(), ack),
                respondedAt == null ? null : Duration.between(r.clockStart(), respondedAt),
                ack != null && !ack.isAfter(d.acknowledgeBy()),
                respondedAt != null && !respondedAt.isAfter(d.respondBy()));
    }

    private static Optional<Breach> check(Clock clock, Instant deadline, Instant answeredAt, Instant now) {
        if (answeredAt != null) {
            return answeredAt.isAfter(deadline)
                    ? Optional.of(new Breach(clock, deadline, Duration.between(deadline, answeredAt), false))
                    : Optional.empty();
        }
        return now.isAfter(deadline)
                ? Optional.of(new Breach(clock, deadline, Duration.between(deadline, now), true))
                : Optional.empty();
    }

    private Duration bandWindow(Request r) {
        List<ReferralClockRules.StartBand> bands = rules.responseByStart();
        if (r.requestedStart() != null) {
            Duration lead = Duration.between(r.clockStart(), r.requestedStart());
            for (ReferralClockRules.StartBand b : bands) {
                if (b.startsWithin() == null || lead.compareTo(b.startsWithin()) <= 0) {
                    return b.respondWithin();
                }
            }
        }
        return bands.get(bands.size() - 1).respondWithin();
    }

    /** The request's grade: from its priority, raised to the discharge grade for a discharge. */
    private Optional<String> grade(Request r) {
        Optional<String> byPriority = Optional.ofNullable(r.priority()).map(rules.priorityGrades()::get);
        if (!r.discharge() || rules.dischargeGrade() == null) {
            return byPriority;
        }
        String floor = rules.dischargeGrade();
        return Optional.of(byPriority
                .filter(g -> rules.grades().get(g).compareTo(rules.grades().get(floor)) <= 0)
                .orElse(floor));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
