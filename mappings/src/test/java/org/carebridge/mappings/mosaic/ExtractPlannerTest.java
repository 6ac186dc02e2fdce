package org.carebridge.mappings.mosaic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carebridge.mappings.mosaic.model.ExtractHeader;
import org.carebridge.mappings.mosaic.model.OrderRecord;
import org.carebridge.mappings.mosaic.model.PersonRecord;
import org.carebridge.mappings.mosaic.plan.Admission;
import org.carebridge.mappings.mosaic.plan.AppliedExtract;
import org.carebridge.mappings.mosaic.plan.EndPlan;
import org.carebridge.mappings.mosaic.plan.EndPolicy;
import org.carebridge.mappings.mosaic.plan.ExtractContents;
import org.carebridge.mappings.mosaic.plan.ExtractPlanner;
import org.carebridge.mappings.mosaic.plan.ExtractStoreView;
import org.carebridge.mappings.mosaic.read.ExtractRecord;
import org.carebridge.mappings.mosaic.read.RecordProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExtractPlannerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NULL", value = {
        // case,                         last time,               last id, last digest, time,                   id,   digest, decision
        "first ever,                     NULL,                    NULL,    NULL,  2026-11-23T06:00:00Z, E2,   d2,     APPLY",
        "newer,                          2026-11-22T06:00:00Z,    E1,      d1,    2026-11-23T06:00:00Z, E2,   d2,     APPLY",
        "older after newer,              2026-11-23T06:00:00Z,    E2,      d2,    2026-11-22T06:00:00Z, E1,   d1,     SKIP_OLDER",
        "same id again,                  2026-11-23T06:00:00Z,    E2,      d2,    2026-11-23T06:00:00Z, E2,   dX,     SKIP_DUPLICATE",
        "same file again without id,     2026-11-23T06:00:00Z,    NULL,    d2,    2026-11-23T06:00:00Z, NULL, d2,     SKIP_DUPLICATE",
        "same time other extract,        2026-11-23T06:00:00Z,    E2,      d2,    2026-11-23T06:00:00Z, E3,   d3,     APPLY",
        "offset compared as instant,     2026-11-23T06:00:00Z,    E2,      d2,    2026-11-23T07:00:00+01:00, E2, d2,  SKIP_DUPLICATE",
    })
    void admitsOnlyNewerExtracts(String name, String lastTime, String lastId, String lastDigest, String time,
                                 String id, String digest, Admission.Decision expected) {
        ExtractStoreView store = store(lastTime == null ? null
                : new AppliedExtract(lastId, OffsetDateTime.parse(lastTime), lastDigest), Map.of());
        ExtractHeader h = new ExtractHeader("kent", "delta", time, id);
        assertEquals(expected, ExtractPlanner.admit(h, digest, store).decision(), name);
    }

    private static final ExtractHeader FULL = new ExtractHeader("kent", "full", "2026-11-23T06:00:00Z", "F1");

    /** 20 open orders O1..O20 of people P1..P20. */
    private static Map<String, String> open20() {
        Map<String, String> open = new HashMap<>();
        for (int i = 1; i <= 20; i++) {
            open.put("O" + i, "P" + i);
        }
        return open;
    }

    @Test
    void aFullExtractEndsWhatItNoLongerContains() {
        ExtractContents c = contents(18, Set.of());
        EndPlan plan = ExtractPlanner.planEnds(FULL, c, open20(), EndPolicy.DEFAULT, false);
        assertEquals(EndPlan.Decision.APPLY, plan.decision());
        assertEquals(Set.of("O19", "O20"), plan.ordersToEnd());
        assertEquals(0.10, plan.share(), 1e-9);
    }

    @Test
    void endingMoreThanTheShareIsHeldUntilConfirmed() {
        ExtractContents c = contents(17, Set.of());
        EndPlan held = ExtractPlanner.planEnds(FULL, c, open20(), EndPolicy.DEFAULT, false);
        assertEquals(EndPlan.Decision.HOLD, held.decision());
        assertEquals(3, held.ordersToEnd().size());
        assertTrue(held.reason().contains("3 of 20"), held.reason());
        EndPlan confirmed = ExtractPlanner.planEnds(FULL, c, open20(), EndPolicy.DEFAULT, true);
        assertEquals(EndPlan.Decision.APPLY, confirmed.decision());
        assertEquals(Set.of("O18", "O19", "O20"), confirmed.ordersToEnd());
        assertEquals(EndPlan.Decision.APPLY,
                ExtractPlanner.planEnds(FULL, c, open20(), new EndPolicy(0.2), false).decision());
    }

    @Test
    void ordersOfARejectedPersonAreKept() {
        ExtractContents c = contents(18, Set.of(19));
        EndPlan plan = ExtractPlanner.planEnds(FULL, c, open20(), EndPolicy.DEFAULT, false);
        assertEquals(Set.of("O20"), plan.ordersToEnd());
    }

    @Test
    void nothingIsEndedWhenTheFileIsNotAWholePicture() {
        ExtractContents truncated = contents(5, Set.of()).incomplete("record 6: XML is not acceptable");
        assertEquals(EndPlan.Decision.NO_ENDS,
                ExtractPlanner.planEnds(FULL, truncated, open20(), EndPolicy.DEFAULT, false).decision());
        ExtractContents anonymousReject = contents(18, Set.of());
        anonymousReject.add(new ExtractRecord(99, 0, null, null,
                List.of(new RecordProblem(99, 0, null, "record", "unexpected element <x>"))));
        EndPlan plan = ExtractPlanner.planEnds(FULL, anonymousReject, open20(), EndPolicy.DEFAULT, false);
        assertEquals(EndPlan.Decision.NO_ENDS, plan.decision());
        assertTrue(plan.ordersToEnd().isEmpty());
    }

    @Test
    void aDeltaEndsNothingItDoesNotName() {
        ExtractHeader delta = new ExtractHeader("kent", "delta", "2026-11-23T06:00:00Z", "D1");
        EndPlan plan = ExtractPlanner.planEnds(delta, contents(1, Set.of()), open20(), EndPolicy.DEFAULT, false);
        assertEquals(EndPlan.Decision.NO_ENDS, plan.decision());
        assertTrue(plan.ordersToEnd().isEmpty());
    }

    @Test
    void noOpenOrdersMeansNothingToHold() {
        EndPlan plan = ExtractPlanner.planEnds(FULL, contents(0, Set.of()), Map.of(), EndPolicy.DEFAULT, false);
        assertEquals(EndPlan.Decision.APPLY, plan.decision());
        assertEquals(0, plan.share());
    }

    /** People P1..Pn each with order On; those in {@code rejected} carry a problem. */
    private static ExtractContents contents(int people, Set<Integer> rejected) {
        ExtractContents c = new ExtractContents();
        for (int i = 1; i <= people + rejected.size(); i++) {
            int n = i <= people ? i : rejected.stream().sorted().toList().get(i - people - 1);
            PersonRecord p = new PersonRecord();
            p.personId = "P" + n;
            OrderRecord o = new OrderRecord();
            o.orderNumber = "O" + n;
            // A rejected record's order number may be unreadable: do not rely on it.
            if (!rejected.contains(n)) {
                p.orders.add(o);
            }
            List<RecordProblem> problems = rejected.contains(n)
                    ? List.of(new RecordProblem(i, 0, p.personId, "birthDate", "required")) : List.of();
            c.add(new ExtractRecord(i, 0, p.personId, p, problems));
        }
        return c;
    }

    private static ExtractStoreView store(AppliedExtract last, Map<String, String> open) {
        return new ExtractStoreView() {
            @Override
            public Optional<AppliedExtract> lastApplied(String tenant) {
                return Optional.ofNullable(last);
            }

            @Override
            public Map<String, String> openOrders(String tenant) {
                return open;
            }
        };
    }
}
