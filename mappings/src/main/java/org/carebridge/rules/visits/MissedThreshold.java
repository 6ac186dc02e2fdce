package org.carebridge.rules.visits;

import java.time.Instant;
import org.carebridge.profiles.rulepacks.RulePack;

/** When a planned visit without a check-in becomes missed: what a scheduler waits for. */
public final class MissedThreshold {
    private MissedThreshold() {}

    /** The limit itself: anchor + the pack's "after". */
    static Instant limit(PlannedVisit visit, RulePack pack) {
        RulePack.Missed m = pack.missed();
        Instant anchor = m.anchor() == RulePack.Anchor.PLANNED_START ? visit.start() : visit.end();
        return anchor.plus(m.after());
    }

    /**
     * The first instant at which a visit with no check-in is judged missed. For "more than two hours" (K:1724) that
     * is one nanosecond after start + 2 h; for "at least", start + the limit itself. A scheduler that fires at or after
     * this instant and finds no check-in raises the missed-visit alert.
     */
    public static Instant missedAt(PlannedVisit visit, RulePack pack) {
        Instant limit = limit(visit, pack);
        return pack.missed().breachWhen() == RulePack.Breach.MORE_THAN ? limit.plusNanos(1) : limit;
    }

    /** Whether a start at {@code started} (or, with no start, the moment {@code now}) is past the threshold. */
    public static boolean isMissed(PlannedVisit visit, RulePack pack, Instant startedOrNow) {
        return !startedOrNow.isBefore(missedAt(visit, pack));
    }
}
