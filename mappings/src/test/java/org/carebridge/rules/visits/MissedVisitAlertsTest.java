package org.carebridge.rules.visits;

import static org.carebridge.rules.visits.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MissedVisitAlertsTest {

    private static List<MissedVisitAlerts.OpenVisit> rota(String tenant) {
        return List.of(
                new MissedVisitAlerts.OpenVisit(visit(tenant, "AM", START, 30, false, 1), List.of()),
                new MissedVisitAlerts.OpenVisit(visit(tenant, "LUNCH", START.plus(Duration.ofHours(3)), 30, false, 1), List.of()),
                new MissedVisitAlerts.OpenVisit(visit(tenant, "DONE", START, 30, false, 1),
                        List.of(in("w1", 10), out("w1", 40))));
    }

    @Test
    void raisedOnceAcrossTicksAndAfterARestart() {
        Set<String> store = new HashSet<>(); // stands in for the gateway's table of raised alert keys
        assertEquals(List.of(), MissedVisitAlerts.due(rota("kent"), pack("kent"), at(120), store),
                "not yet more than two hours");

        List<Notification> first = MissedVisitAlerts.due(rota("kent"), pack("kent"), at(121), store);
        assertEquals(List.of("kent/AM/missed-visit"), first.stream().map(Notification::key).toList());
        first.forEach(n -> store.add(n.key()));
        assertEquals(List.of(), MissedVisitAlerts.due(rota("kent"), pack("kent"), at(122), store), "never twice");

        // The gateway is down from 10:00 until 14:30: both thresholds passed while nobody was watching.
        Set<String> reloaded = new HashSet<>(store);
        List<Notification> afterRestart = MissedVisitAlerts.due(rota("kent"), pack("kent"), at(330), reloaded);
        assertEquals(List.of("kent/LUNCH/missed-visit"), afterRestart.stream().map(Notification::key).toList());
        assertEquals(MissedThreshold.missedAt(rota("kent").get(1).visit(), pack("kent")), afterRestart.get(0).at(),
                "the alert says when the visit became missed, not when it was noticed");
    }

    @Test
    void aLateCheckInBeforeTheTickMeansNoAlertForHammersmith() {
        List<MissedVisitAlerts.OpenVisit> open = List.of(new MissedVisitAlerts.OpenVisit(
                visit("lbhf", "AM", START, 30, false, 1), List.of(in("w1", 25))));
        assertEquals(List.of(), MissedVisitAlerts.due(open, pack("lbhf"), at(40), Set.of()));
    }
}
