package org.carebridge.mappings.discharge;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carebridge.rules.referrals.ReferralClockRules;
import org.carebridge.rules.referrals.ReferralClocks;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

class BreachAlertsTest {
    @Test
    void anUnansweredDischargeReferralRaisesAResponseAlertToBrokerage() {
        Instant received = Instant.parse("2026-01-05T10:00:00Z");
        ReferralClocks clocks = new ReferralClocks(ReferralClockRules.forTenant("lbhf"));
        ReferralClocks.Request r = new ReferralClocks.Request(received, received.plus(Duration.ofDays(10)), null, true);
        Instant now = received.plus(Duration.ofHours(25));

        List<ReferralClocks.Breach> breaches = clocks.breaches(r, received.plus(Duration.ofMinutes(30)), null, now);
        assertEquals(1, breaches.size());
        Task alert = BreachAlerts.toTask(breaches.get(0), "ServiceRequest/ref-1", "Organization/brokerage", now);

        assertEquals("response-overdue", alert.getCode().getCodingFirstRep().getCode());
        assertEquals("ServiceRequest/ref-1", alert.getFocus().getReference());
        assertEquals("Organization/brokerage", alert.getOwner().getReference());
        assertEquals(received.plus(Duration.ofHours(24)), alert.getRestriction().getPeriod().getEnd().toInstant());
        assertEquals("still unanswered, 60 minutes after the deadline", alert.getDescription());
    }
}
