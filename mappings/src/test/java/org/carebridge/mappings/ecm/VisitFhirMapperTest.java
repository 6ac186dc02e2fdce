package org.carebridge.mappings.ecm;

import static org.junit.jupiter.api.Assertions.*;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carebridge.profiles.rulepacks.RulePacks;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.ManualEntry;
import org.carebridge.rules.visits.PlannedVisit;
import org.carebridge.rules.visits.VisitEvent;
import org.carebridge.rules.visits.VisitJudge;
import org.carebridge.rules.visits.VisitJudgement;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files: each scenario's Appointment, Encounter and Tasks as a collection Bundle. Run with
 * -Dgolden.update=true to rewrite them after a deliberate change, then review the diff.
 */
class VisitFhirMapperTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Pseudonymiser KENT = new Pseudonymiser("kent", EcmTestSupport.KENT_KEY);
    private static final Pseudonymiser LBHF = new Pseudonymiser("lbhf", EcmTestSupport.LBHF_KEY);
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private static Instant at(int minutes) {
        return START.plus(Duration.ofMinutes(minutes));
    }

    private static VisitEvent ev(Pseudonymiser p, String id, String worker, EventKind kind, int minutes,
                                 CheckInMethod method, ManualEntry manual, String reason) {
        return new VisitEvent(id, "PRV-7", "P-100", "SDO-42", "V1", p.worker(worker), kind, at(minutes), method,
                method != CheckInMethod.MANUAL, manual, reason, null);
    }

    static VisitJudgement scenario(String name) {
        return switch (name) {
            case "kent-late-double-up-manual" -> {
                PlannedVisit v = new PlannedVisit("kent", "V1", "SDO-42", "P-100", "PRV-7", START, at(45), false, 2, false);
                yield VisitJudge.judge(v, List.of(
                        ev(KENT, "E1", "CW-17", EventKind.CHECK_IN, 50, CheckInMethod.APP, null, null),
                        ev(KENT, "E2", "AB123456C", EventKind.CHECK_IN, 52, CheckInMethod.MANUAL,
                                new ManualEntry("PHONE", "phone flat", KENT.worker("OFF-2"), at(120)), null),
                        ev(KENT, "E3", "CW-17", EventKind.CHECK_OUT, 95, CheckInMethod.TELEPHONY, null, null),
                        ev(KENT, "E4", "AB123456C", EventKind.CHECK_OUT, 96, CheckInMethod.APP, null, null)),
                        RulePacks.bundled("kent"), at(600));
            }
            case "lbhf-missed" -> {
                PlannedVisit v = new PlannedVisit("lbhf", "V1", "SDO-42", "P-100", "PRV-7", START, at(30), true, 1, false);
                yield VisitJudge.judge(v, List.of(), RulePacks.bundled("lbhf"), at(45));
            }
            case "lbhf-refusal" -> {
                PlannedVisit v = new PlannedVisit("lbhf", "V1", "SDO-42", "P-100", "PRV-7", START, at(30), false, 1, false);
                yield VisitJudge.judge(v, List.of(ev(LBHF, "E9", "CW-3", EventKind.REFUSAL, 2, null, null,
                        "did not want support today")), RulePacks.bundled("lbhf"), at(60));
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    static String render(VisitResources r) {
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        b.addEntry().setResource(r.appointment());
        r.encounter().ifPresent(e -> b.addEntry().setResource(e));
        r.alerts().forEach(t -> b.addEntry().setResource(t));
        return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(b) + "\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"kent-late-double-up-manual", "lbhf-missed", "lbhf-refusal"})
    void matchesGoldenFile(String name) throws IOException {
        String actual = render(VisitFhirMapper.map(scenario(name)));
        Path golden = Path.of("src/test/resources/ecm/golden/" + name + ".json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
        for (String secret : List.of("AB123456C", "CW-17", "OFF-2", "CW-3")) {
            assertFalse(actual.contains(secret), secret);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kent-late-double-up-manual", "lbhf-missed", "lbhf-refusal"})
    void idsAreStableAcrossReplays(String name) {
        VisitResources a = VisitFhirMapper.map(scenario(name));
        VisitResources b = VisitFhirMapper.map(scenario(name));
        assertEquals(a.appointment().getIdElement().getIdPart(), b.appointment().getIdElement().getIdPart());
        assertEquals(a.encounter().map(Resource::getId), b.encounter().map(Resource::getId));
        assertEquals(a.alerts().stream().map(Resource::getId).toList(), b.alerts().stream().map(Resource::getId).toList());
        assertNotEquals(VisitFhirMapper.appointmentId(scenario("lbhf-missed").visit()),
                VisitFhirMapper.appointmentId(scenario("kent-late-double-up-manual").visit()),
                "same visit id, different council: different resource");
    }
}
