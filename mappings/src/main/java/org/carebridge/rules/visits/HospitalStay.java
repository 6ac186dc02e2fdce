package org.carebridge.rules.visits;

import java.time.Instant;
import java.util.Optional;
import org.carebridge.profiles.rulepacks.RulePack;

/** When a hospital stay suspends the package (H:3704: after 48 hours), for the gateway's scheduler. */
public final class HospitalStay {
    private HospitalStay() {}

    /** Notification reason raised when the suspension falls due. */
    public static final String SUSPENSION_DUE = "package-suspension-due";

    /** The moment the package is to be suspended, if the pack suspends at all; empty for Kent. */
    public static Optional<Instant> suspensionAt(VisitEvent admission, RulePack pack) {
        if (admission.kind() != EventKind.PERSON_IN_HOSPITAL) {
            throw new IllegalArgumentException("event " + admission.eventId() + " is not a hospital admission");
        }
        return pack.hospitalAdmission().suspendPackageAfter().map(admission.time()::plus);
    }

    /**
     * The suspension notification once it is due, unless the person has been seen at home since (a check-in
     * after the admission) — then the stay is over and nothing is suspended.
     *
     * @param since events for the person's visits after the admission
     */
    public static Optional<Notification> suspensionDue(VisitEvent admission, PlannedVisit admittedOn,
                                                       Iterable<VisitEvent> since, RulePack pack, Instant now) {
        Optional<Instant> at = suspensionAt(admission, pack);
        if (at.isEmpty() || now.isBefore(at.get())) {
            return Optional.empty();
        }
        for (VisitEvent e : since) {
            if (e.kind() == EventKind.CHECK_IN && e.time().isAfter(admission.time()) && e.clientId().equals(admission.clientId())) {
                return Optional.empty();
            }
        }
        return Optional.of(new Notification(admittedOn.tenant(), admittedOn.visitId(), admittedOn.orderId(),
                admittedOn.clientId(), admittedOn.providerId(), SUSPENSION_DUE, at.get(),
                "in hospital since the visit; package to be suspended", pack.hospitalAdmission().source()));
    }
}
