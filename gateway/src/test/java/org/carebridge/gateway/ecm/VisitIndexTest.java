package org.carebridge.gateway.ecm;

import org.carebridge.gateway.search.IndexEntries;
import org.carebridge.gateway.search.SearchParameterRegistry;
import org.carebridge.mappings.ecm.VisitFhirMapper;
import org.carebridge.mappings.ecm.VisitJson;
import org.carebridge.mappings.ecm.VisitRefs;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.PayableReason;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.Verification;
import org.carebridge.rules.visits.VisitJudgement;
import org.carebridge.rules.visits.WorkerPeriod;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The visit writer's index rows against the generic extraction: for every combination of status, resolved and
 * unresolved references, actual start and end present or not (with and without milliseconds), and an Encounter or
 * none, {@link VisitIndex} gives exactly what {@link IndexEntries#extract} gives for the mapper's resources.
 */
class VisitIndexTest {
    private static final SearchParameterRegistry REGISTRY = new SearchParameterRegistry();
    private static final Instant START = Instant.parse("2026-11-30T09:00:00.250Z");

    @Test
    void sameRowsAsTheGenericExtraction() {
        List<Instant> times = Arrays.asList(null, Instant.parse("2026-11-30T09:05:00Z"), Instant.parse("2026-11-30T09:41:07.999Z"));
        List<String> ids = Arrays.asList(null, "res-1");
        int compared = 0;
        for (AppointmentStatus status : AppointmentStatus.values()) {
            for (String order : ids) {
                for (String patient : ids) {
                    for (String provider : ids) {
                        for (Instant actualStart : times) {
                            for (Instant actualEnd : times) {
                                for (int shape = 0; shape < 3; shape++) {
                                    VisitRefs refs = new VisitRefs("appt-1", "enc-1", order, patient, provider);
                                    VisitJudgement j = judgement(status, actualStart, actualEnd, shape);
                                    assertTrue(VisitJson.fits(j, refs));
                                    assertEquals(IndexEntries.extract(REGISTRY, VisitFhirMapper.appointment(j, refs)),
                                            VisitIndex.appointment(j, refs), () -> "Appointment rows of " + j + " " + refs);
                                    Encounter e = VisitFhirMapper.encounter(j, refs);
                                    if (e == null) {
                                        assertNull(VisitIndex.encounter(j, refs));
                                    } else {
                                        assertEquals(IndexEntries.extract(REGISTRY, e), VisitIndex.encounter(j, refs),
                                                () -> "Encounter rows of " + j + " " + refs);
                                    }
                                    compared++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(5 * 8 * 9 * 3, compared);
    }

    /** shape 0: nobody came (no Encounter); 1: one worker; 2: two workers and an outcome. */
    private static VisitJudgement judgement(AppointmentStatus status, Instant actualStart, Instant actualEnd, int shape) {
        PlannedVisit v = new PlannedVisit("kent", "V-1", "SDO-1", "P-1", "PRV-1", START, START.plusSeconds(1800), false,
                shape == 2 ? 2 : 1, false);
        List<WorkerPeriod> workers = new ArrayList<>();
        if (shape > 0) workers.add(new WorkerPeriod("cw-1", actualStart, actualEnd, CheckInMethod.APP, CheckInMethod.APP, true));
        if (shape > 1) workers.add(new WorkerPeriod("cw-2", null, actualEnd, null, CheckInMethod.MANUAL, false));
        return new VisitJudgement(v, status, workers, shape == 0 ? null : actualStart, shape == 0 ? null : actualEnd,
                shape == 0 ? null : CheckInMethod.APP, new Verification(true, true, false, false, false, List.of()),
                shape == 2 ? EventKind.REFUSAL : null, null, List.of(), true, List.of(PayableReason.DELIVERED), List.of(),
                List.of(), List.of(), START);
    }
}
