package org.carebridge.rules.visits;

import static org.carebridge.rules.visits.Fixture.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContinuityAndComplianceTest {
    private static final LocalDate WEEK = LocalDate.of(2026, 3, 2);

    /** A week of daily 60-minute visits (7 h), double-handed or not, shared out among n workers. */
    private static List<VisitJudgement> week(String tenant, int visitsPerDay, int minutes, int workersRequired, int distinct) {
        List<VisitJudgement> out = new ArrayList<>();
        int w = 0;
        for (int d = 0; d < 7; d++) {
            for (int k = 0; k < visitsPerDay; k++) {
                Instant start = START.plus(Duration.ofDays(d)).plus(Duration.ofHours(3L * k));
                PlannedVisit v = visit(tenant, "V" + d + "-" + k, start, minutes, false, workersRequired);
                List<VisitEvent> es = new ArrayList<>();
                for (int r = 0; r < workersRequired; r++) {
                    String worker = "w" + (w++ % distinct);
                    es.add(event(EventKind.CHECK_IN, worker, d * 1440 + k * 180));
                    es.add(event(EventKind.CHECK_OUT, worker, d * 1440 + k * 180 + minutes));
                }
                out.add(VisitJudge.judge(v, es, pack(tenant), START.plus(Duration.ofDays(8))));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}x{2} min/day, {3} handed, {4} workers -> {5} h, target {6}, requirement {7}")
    @CsvSource({
            // H&F H:1450-1460 by visit-hours
            "lbhf, 1, 20, 1, 1,  2.33, true,  true",
            "lbhf, 1, 20, 1, 2,  2.33, false, true",
            "lbhf, 1, 20, 1, 4,  2.33, false, false",
            "lbhf, 1, 60, 1, 3,  7.0,  true,  true",
            "lbhf, 1, 60, 1, 6,  7.0,  false, false",
            "lbhf, 4, 60, 1, 5, 28.0,  true,  true",
            // Kent K:1133 by worker-hours: double-handed 14 h of visits is 28 worker-hours -> the team of eight
            "kent, 2, 60, 1, 5, 14.0,  false, true",
            "kent, 2, 60, 2, 5, 28.0,  true,  true",
            "kent, 2, 60, 2, 9, 28.0,  false, true",
    })
    void workersPerPackage(String tenant, int perDay, int minutes, int handed, int distinct, double hours,
                           boolean target, boolean requirement) {
        Continuity.PackageWeek w = Continuity.evaluate("ORD-1", WEEK, week(tenant, perDay, minutes, handed, distinct),
                pack(tenant));
        assertEquals(hours, w.weeklyHours(), 0.01);
        assertEquals(distinct, w.distinctWorkers());
        assertEquals(target, w.withinTarget());
        assertEquals(requirement, w.withinRequirement());
    }

    @Test
    void bandSummaryAgainstThe95PercentTarget() {
        List<Continuity.PackageWeek> weeks = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            weeks.add(Continuity.evaluate("ORD-1", WEEK, week("lbhf", 1, 60, 1, 3), pack("lbhf")));
        }
        weeks.add(Continuity.evaluate("ORD-1", WEEK, week("lbhf", 1, 60, 1, 4), pack("lbhf")));
        Continuity.BandSummary s = Continuity.summarise(weeks).get(0);
        assertEquals(20, s.packages());
        assertEquals(95.0, s.percentWithinTarget(), 0.001);
        assertTrue(s.targetMet());
        assertTrue(s.requirementMet());
    }

    @Test
    void electronicMonitoringCompliance() {
        List<VisitJudgement> js = new ArrayList<>(week("lbhf", 1, 60, 1, 1)); // 7 electronic visits by w0
        for (int d = 0; d < 3; d++) {
            PlannedVisit v = visit("lbhf", "M" + d, START.plus(Duration.ofDays(d)), 30, false, 1);
            js.add(VisitJudge.judge(v, List.of(manual(EventKind.CHECK_IN, "w9", d * 1440, Duration.ofHours(1)),
                    out("w9", d * 1440 + 30)), pack("lbhf"), START.plus(Duration.ofDays(8))));
        }
        Compliance.Report r = Compliance.evaluate(js, pack("lbhf"));
        assertEquals(10, r.visits());
        assertEquals(70.0, r.percentElectronic(), 0.001);
        assertFalse(r.providerTargetMet(), "H:3248 aims for 90 %");
        assertEquals(List.of("w9"), r.workersBelowFloor());
    }
}
