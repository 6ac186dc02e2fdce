package org.carebridge.mappings.discharge;

import java.time.Instant;
import java.util.Date;
import org.carebridge.profiles.Profiles;
import org.carebridge.profiles.terminology.ReferralAlert;
import org.carebridge.rules.referrals.ReferralClocks;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * A missed referral clock as an alert to brokerage: a Task owned by the brokerage team, focused on the referral
 * (or the offer's Task), coded acknowledgement-overdue or response-overdue, with the deadline it missed. The KPI
 * figures come from {@link ReferralClocks#times}; this is only the prompt to act.
 */
public final class BreachAlerts {
    public static final String CODE_SYSTEM = ReferralAlert.SYSTEM;

    private BreachAlerts() {}

    public static Task toTask(ReferralClocks.Breach breach, String focusRef, String brokerageRef, Instant now) {
        String code = breach.clock() == ReferralClocks.Clock.ACKNOWLEDGEMENT ? "acknowledgement-overdue" : "response-overdue";
        Task t = new Task();
        t.getMeta().addProfile(Profiles.ALERT);
        t.setStatus(Task.TaskStatus.REQUESTED);
        t.setIntent(Task.TaskIntent.ORDER);
        t.setPriority(Task.TaskPriority.URGENT);
        t.setCode(new CodeableConcept(new Coding(CODE_SYSTEM, code, breach.clock() == ReferralClocks.Clock.ACKNOWLEDGEMENT
                ? "Referral not acknowledged in time" : "Referral not answered in time")));
        t.setFocus(new Reference(focusRef));
        t.setOwner(new Reference(brokerageRef));
        t.setAuthoredOn(Date.from(now));
        t.getRestriction().getPeriod().setEnd(Date.from(breach.deadline()));
        t.setDescription((breach.stillOpen() ? "still unanswered, " : "answered ") + breach.late().toMinutes()
                + " minutes after the deadline");
        return t;
    }
}
