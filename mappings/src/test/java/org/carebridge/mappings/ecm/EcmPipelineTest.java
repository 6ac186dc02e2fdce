package org.carebridge.mappings.ecm;

import static org.carebridge.mappings.ecm.EcmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.context.FhirContext;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.carebridge.rules.visits.AppointmentStatus;
import org.carebridge.rules.visits.IgnoredEvent;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitJudge;
import org.carebridge.rules.visits.VisitJudgement;
import org.carebridge.rules.visits.VisitMatcher;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;

/** The pure steps the gateway strings together: rota in, feed in, match, judge, FHIR out. */
class EcmPipelineTest {

    @Test
    void hammersmithDoubleUpFromRotaAndCsvFeed() throws Exception {
        Bundle rotaBundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, resource("rota-week.json"));
        List<PlannedVisit> rota = RotaBundleMapper.map(rotaBundle, "lbhf", "PRV-7").visits();

        Pseudonymiser lbhf = new Pseudonymiser("lbhf", LBHF_KEY);
        EcmParseResult feed;
        try (var in = new InputStreamReader(resource("monday-feed.csv"), StandardCharsets.UTF_8)) {
            feed = new EcmCsvParser(EcmFeedConfig.defaults("PRV-7"), lbhf).parseAll(in);
        }
        assertEquals(List.of(), feed.errors());

        Map<String, List<VisitEvent>> byVisit = new LinkedHashMap<>();
        List<VisitMatcher.Rejected> rejected = new ArrayList<>();
        for (VisitEvent e : feed.events()) {
            VisitMatcher.Match match = VisitMatcher.standard().match(e, rota);
            if (match instanceof VisitMatcher.Matched m) {
                byVisit.computeIfAbsent(m.visit().visitId(), k -> new ArrayList<>()).add(e);
            } else {
                rejected.add((VisitMatcher.Rejected) match);
            }
        }
        assertEquals(List.of(new VisitMatcher.Rejected("E-5", VisitMatcher.Rejection.UNKNOWN_CLIENT)), rejected,
                "kept with its reason for replay, not dropped");

        PlannedVisit am = rota.get(0);
        VisitJudgement j = VisitJudge.judge(am, byVisit.get("R-MON-AM"), RulePacks.bundled("lbhf"),
                Instant.parse("2026-03-02T18:00:00Z"));
        assertEquals(AppointmentStatus.FULFILLED, j.status());
        assertEquals(List.of("double-up-late"), j.exceptions().stream().map(x -> x.code().code()).toList(),
                "10 min late is inside the time-critical 15; the second worker came 16 min after the first");
        assertEquals(List.of(new IgnoredEvent("E-2", IgnoredEvent.Why.DUPLICATE)), j.ignoredEvents());

        VisitResources fhir = VisitFhirMapper.map(j);
        Encounter enc = fhir.encounter().orElseThrow();
        assertEquals(2, enc.getParticipant().size());
        assertEquals(lbhf.worker("CW-18"), enc.getParticipant().get(1).getIndividual().getIdentifier().getValue());
        assertEquals(Optional.empty(), fhir.alerts().stream().findAny(), "H&F pack does not notify double-up");
    }
}
