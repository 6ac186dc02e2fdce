package org.carebridge.rules.visits;

import static org.carebridge.rules.visits.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VisitMatcherTest {
    // Morning 09:00-09:30 and lunch 12:00-12:30 for P-100 under ORD-1.
    private static final List<PlannedVisit> ROTA = List.of(
            visit("kent", "AM", START, 30, false, 1),
            visit("kent", "LUNCH", START.plus(Duration.ofHours(3)), 30, false, 1));

    @ParameterizedTest(name = "{0} {1} at {2} min, order {3}, visit {4} -> {5}")
    @CsvSource({
            "P-100, CHECK_IN,    5,    ORD-1,  , AM",
            "P-100, CHECK_IN,   60,    ORD-1,  , AM",
            "P-100, CHECK_IN,  100,    ORD-1,  , LUNCH",  // 100 min late or 80 early: the nearer start wins
            "P-100, CHECK_IN,  110,         ,  , LUNCH",
            "P-100, CHECK_OUT,  90,    ORD-1,  , AM",
            "P-100, CHECK_OUT, 140,    ORD-1,  , LUNCH",
            "P-100, CHECK_IN,  -179,   ORD-1,  , AM",
            "P-100, CHECK_IN,  -181,   ORD-1,  , NO_VISIT_AT_THIS_TIME",
            "P-100, CHECK_IN,    5,    ORD-1, LUNCH, LUNCH",
            "P-100, CHECK_IN,    5,    ORD-1, TEA, UNKNOWN_VISIT",
            "P-100, CHECK_IN,    5,    ORD-2,  , UNKNOWN_ORDER",
            "P-999, CHECK_IN,    5,    ORD-1,  , UNKNOWN_CLIENT",
    })
    void matching(String client, EventKind kind, int minutes, String order, String visitId, String expected) {
        VisitEvent e = new VisitEvent("E1", "PRV-1", client, order, visitId, "w1", kind, at(minutes),
                CheckInMethod.APP, true, null, null, null);
        VisitMatcher.Match m = VisitMatcher.standard().match(e, ROTA);
        String got = m instanceof VisitMatcher.Matched ok ? ok.visit().visitId()
                : ((VisitMatcher.Rejected) m).rejection().name();
        assertEquals(expected, got);
        if (m instanceof VisitMatcher.Rejected r) {
            assertEquals("E1", r.eventId());
            assertFalse(r.reason().isBlank());
        }
    }
}
