package org.carebridge.mappings.ecm;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.ManualEntry;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;
import org.junit.jupiter.api.Test;

class VisitUpdateTest {
    private static final PlannedVisit V = new PlannedVisit("kent", "V1", "SDO-42", "P-100", "PRV-7",
            Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T09:30:00Z"), false, 1, false);

    @Test
    void alertsAlreadyRaisedAreNotRaisedAgain() {
        VisitUpdate first = VisitUpdate.of(V, List.of(), RulePacks.bundled("kent"),
                Instant.parse("2026-03-02T11:01:00Z"), 0, Set.of());
        assertEquals(1, first.newAlerts().size());
        String key = first.newAlerts().get(0).getIdentifierFirstRep().getValue();
        assertEquals("kent/V1/missed-visit", key);
        VisitUpdate again = VisitUpdate.of(V, List.of(), RulePacks.bundled("kent"),
                Instant.parse("2026-03-02T11:30:00Z"), 0, Set.of(key));
        assertEquals(List.of(), again.newAlerts());
        assertEquals(first.resources().appointment().getId(), again.resources().appointment().getId());
    }

    @Test
    void storedEventsRoundTrip() {
        VisitEvent full = new VisitEvent("E1", "PRV-7", "P-100", "SDO-42", "V1", "cw-0123", EventKind.CHECK_IN,
                Instant.parse("2026-03-02T09:02:00Z"), CheckInMethod.MANUAL, false,
                new ManualEntry("PHONE", "flat battery", "cw-9", Instant.parse("2026-03-02T12:00:00Z")), null, "E0");
        VisitEvent bare = new VisitEvent("E2", "PRV-7", "P-100", null, null, "cw-0123", EventKind.REFUSAL,
                Instant.parse("2026-03-02T09:02:00Z"), null, false, null, "not today", null);
        assertEquals(full, VisitEventJson.read(VisitEventJson.write(full)));
        assertEquals(bare, VisitEventJson.read(VisitEventJson.write(bare)));
    }
}
