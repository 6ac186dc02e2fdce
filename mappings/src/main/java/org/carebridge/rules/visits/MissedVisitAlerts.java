package org.carebridge.rules.visits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.carebridge.profiles.rulepacks.RulePack;

/**
 * The pure half of the scheduled missed-visit check. The gateway keeps planned visits, their events and the keys
 * of alerts already raised in its store; on every tick (and at start-up) it loads the open visits whose
 * {@link MissedThreshold#missedAt} has passed and asks this class which alerts are due. Because it is a scan over
 * stored state rather than an in-memory timer, a visit that passed its threshold while the gateway was down is
 * alerted on the first tick after the restart, and a key already raised is never raised again.
 */
public final class MissedVisitAlerts {
    private MissedVisitAlerts() {}

    /** A planned visit with the events stored for it so far. */
    public record OpenVisit(PlannedVisit visit, List<VisitEvent> events) {
        public OpenVisit {
            events = List.copyOf(events);
        }
    }

    /**
     * @param alreadyRaised keys ({@link Notification#key()}) of notifications already turned into alerts
     * @return notifications to raise now, each at most once across calls given the store records them
     */
    public static List<Notification> due(Collection<OpenVisit> open, RulePack pack, Instant now,
                                         Set<String> alreadyRaised) {
        List<Notification> out = new ArrayList<>();
        for (OpenVisit o : open) {
            if (now.isBefore(MissedThreshold.missedAt(o.visit(), pack))) {
                continue; // not due: the store query should not have returned it, but be safe
            }
            VisitJudgement j = VisitJudge.judge(o.visit(), o.events(), pack, now);
            if (j.has(VisitExceptionCode.MISSED)) {
                j.notifications().stream()
                        .filter(n -> pack.missed().notification().map(n.reason()::equals).orElse(false))
                        .filter(n -> !alreadyRaised.contains(n.key()))
                        .forEach(out::add);
            }
        }
        return out;
    }
}
