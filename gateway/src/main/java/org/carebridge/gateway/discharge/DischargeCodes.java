package org.carebridge.gateway.discharge;

import org.carebridge.mappings.discharge.BreachAlerts;
import org.carebridge.profiles.Canonical;

/** Codes the gateway side of issue #6 adds (kept here rather than in Canonical so merges stay clean). */
public final class DischargeCodes {
    /** Task.code of the council's brokerage Task for a referral. */
    public static final String REFERRAL_TASK = Canonical.codeSystem("ReferralTask");
    public static final String BROKERAGE = "brokerage";
    /** Alert code beside BreachAlerts' acknowledgement-overdue / response-overdue. */
    public static final String ALERT_SYSTEM = BreachAlerts.CODE_SYSTEM;
    public static final String ALL_OFFERS_DECLINED = "all-offers-declined";
    /** Appointment.cancelationReason of visits cancelled because the person is in hospital (reinstated on return). */
    public static final String VISIT_CANCEL_REASON = Canonical.codeSystem("VisitCancellationReason");
    public static final String IN_HOSPITAL = "in-hospital";

    private DischargeCodes() {}
}
