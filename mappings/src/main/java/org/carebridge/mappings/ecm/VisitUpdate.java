package org.carebridge.mappings.ecm;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.carebridge.profiles.rulepacks.RulePack;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitJudge;
import org.carebridge.rules.visits.VisitJudgement;
import org.hl7.fhir.r4.model.Task;

/**
 * What the gateway does when an event for a visit arrives, minus the I/O: judge the visit with everything stored
 * for it, map to FHIR, and pick out the alerts not raised before. The gateway upserts {@code resources} by their
 * (deterministic) ids and inserts {@code newAlerts} together with their keys in one transaction.
 *
 * @param newAlerts alert Tasks whose key was not in {@code alreadyRaised}
 */
public record VisitUpdate(VisitJudgement judgement, VisitResources resources, List<Task> newAlerts) {

    public VisitUpdate {
        newAlerts = List.copyOf(newAlerts);
    }

    /**
     * @param events         every stored event for the visit, in the order received
     * @param refusalsBefore consecutive refused visits immediately before this one (Refusals.trailingRefusals)
     * @param alreadyRaised  alert keys already raised for this visit
     */
    public static VisitUpdate of(PlannedVisit visit, Collection<VisitEvent> events, RulePack pack, Instant now,
                                 int refusalsBefore, Set<String> alreadyRaised) {
        VisitJudgement j = VisitJudge.judge(visit, events, pack, now, refusalsBefore);
        VisitResources r = VisitFhirMapper.map(j);
        return new VisitUpdate(j, r, fresh(r.alerts(), alreadyRaised));
    }

    /**
     * {@link #of} as the gateway's store takes it: the judgement and its new alerts (ids and references as stored,
     * {@code refs}), without building the Appointment and Encounter, which the store writes straight from the
     * judgement ({@link VisitJson}, or {@link VisitFhirMapper#appointment(VisitJudgement, VisitRefs)} where that
     * does not fit).
     */
    public static Judged judged(PlannedVisit visit, Collection<VisitEvent> events, RulePack pack, Instant now,
                                int refusalsBefore, Set<String> alreadyRaised, VisitRefs refs) {
        VisitJudgement j = VisitJudge.judge(visit, events, pack, now, refusalsBefore);
        List<Task> alerts = j.notifications().isEmpty() ? List.of() : VisitFhirMapper.alerts(j, refs);
        return new Judged(j, refs, fresh(alerts, alreadyRaised));
    }

    /** A judged visit for the store: see {@link #judged}. */
    public record Judged(VisitJudgement judgement, VisitRefs refs, List<Task> newAlerts) {
        public Judged {
            newAlerts = List.copyOf(newAlerts);
        }
    }

    private static List<Task> fresh(List<Task> alerts, Set<String> alreadyRaised) {
        return alerts.stream().filter(t -> !alreadyRaised.contains(t.getIdentifierFirstRep().getValue())).toList();
    }
}
