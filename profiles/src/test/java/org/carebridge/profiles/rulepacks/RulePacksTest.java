package org.carebridge.profiles.rulepacks;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carebridge.profiles.rulepacks.RulePack.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulePacksTest {

    @Test
    void kentPackCarriesTheContractNumbers() {
        RulePack kent = RulePacks.bundled("kent");
        assertEquals("kent", kent.tenant());
        Punctuality p = kent.punctualityFor(false).get(0);
        assertEquals(Duration.ofMinutes(45), p.tolerance());
        assertEquals(Breach.AT_LEAST, p.breachWhen());
        assertEquals(Duration.ofHours(2), kent.missed().after());
        assertEquals(Anchor.PLANNED_START, kent.missed().anchor());
        assertEquals(3, kent.refusals().consecutive());
        assertTrue(kent.manualEntry().isEmpty());
        assertTrue(kent.shortVisit().isEmpty());
        assertEquals(Optional.empty(), kent.doubleUp().orElseThrow().maxArrivalGap());
        assertEquals(4, kent.continuity().orElseThrow().bandFor(10).orElseThrow().target().maxWorkers());
        assertEquals(8, kent.continuity().orElseThrow().bandFor(30).orElseThrow().target().maxWorkers());
    }

    @Test
    void hammersmithPackCarriesTheContractNumbers() {
        RulePack h = RulePacks.bundled("lbhf");
        assertTrue(h.punctualityFor(false).isEmpty(), "only time-critical visits have a tolerance");
        assertEquals(Duration.ofMinutes(15), h.punctualityFor(true).get(0).tolerance());
        assertEquals(Duration.ofMinutes(15), h.doubleUp().orElseThrow().maxArrivalGap().orElseThrow());
        assertEquals(Duration.ofMinutes(15), h.shortVisit().orElseThrow().atMost());
        assertEquals(Duration.ofHours(24), h.manualEntry().orElseThrow().lateAfter());
        assertFalse(h.manualEntry().orElseThrow().payable());
        assertEquals(90, h.electronicMonitoring().orElseThrow().providerTargetPercent().orElseThrow());
        assertEquals(85, h.electronicMonitoring().orElseThrow().workerFloorPercent().orElseThrow());
    }

    @ParameterizedTest(name = "H&F {0} h/week -> target {1}, requirement {2}")
    @CsvSource({"0,1,3", "2.9,1,3", "3,3,5", "9.99,3,5", "10,5,8", "25,8,12", "35,8,12", "36,12,16", "80,12,16"})
    void hammersmithContinuityBands(double hours, int target, int requirement) {
        Band b = RulePacks.bundled("lbhf").continuity().orElseThrow().bandFor(hours).orElseThrow();
        assertEquals(target, b.target().maxWorkers());
        assertEquals(requirement, b.requirement().orElseThrow().maxWorkers());
    }

    @Test
    void everyBundledRuleNamesItsSource() {
        assertEquals(List.of("kent", "lbhf"), RulePacks.bundledTenants());
        for (RulePack p : RulePacks.allBundled().values()) {
            p.punctuality().forEach(r -> assertFalse(r.source().isBlank()));
            assertTrue(p.missed().source().matches(".*[KH]:\\d+.*"), p.tenant());
            assertTrue(p.refusals().source().matches(".*[KH]:\\d+.*"), p.tenant());
        }
    }

    @Test
    void aThirdCouncilIsADirectoryEntryNotCode(@TempDir Path dir) throws Exception {
        try (var in = getClass().getResourceAsStream("/rulepacks/thirdshire.yaml")) {
            Files.copy(in, dir.resolve("thirdshire.yaml"));
        }
        Map<String, RulePack> packs = RulePacks.loadDirectory(dir);
        RulePack t = packs.get("thirdshire");
        assertEquals(Duration.ofMinutes(30), t.punctualityFor(true).get(0).tolerance());
        assertEquals(Duration.ofMinutes(90), t.missed().after());
        assertEquals(2, t.refusals().consecutive());
    }

    @Test
    void fileNameMustMatchTenant(@TempDir Path dir) throws Exception {
        try (var in = getClass().getResourceAsStream("/rulepacks/thirdshire.yaml")) {
            Files.copy(in, dir.resolve("other.yaml"));
        }
        RulePackException e = assertThrows(RulePackException.class, () -> RulePacks.loadDirectory(dir));
        assertTrue(e.getMessage().contains("other.yaml"), e.getMessage());
        assertEquals("tenant", e.path());
    }

    /** Each row breaks the Thirdshire pack in one way; the error must name the key and the problem. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tolerance: PT30M|tolerance: 30 minutes|punctuality[0].tolerance|ISO-8601 duration",
            "breachWhen: more-than|breachWhen: sometimes|punctuality[0].breachWhen|'sometimes' is not one of",
            "tenant: thirdshire|tenant: Third Shire|tenant|tenant id",
            "zone: Europe/London|zone: Mars/Olympus|zone|unknown time zone",
            "consecutive: 2|consecutive: 0|refusals.consecutive|between 1 and 100",
            "  after: PT90M|  aftr: PT90M|missed.aftr|unknown key",
            "noReply: { source: \"assumption\", payable: false, notify: no-response }|noReply: { source: \"x\" }|noReply.payable|required but missing",
    })
    void validationNamesFileKeyAndProblem(String from, String to, String path, String problem) throws Exception {
        String yaml;
        try (var in = getClass().getResourceAsStream("/rulepacks/thirdshire.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(yaml.contains(from), "test row must change the pack: " + from);
        String broken = yaml.replace(from, to);
        RulePackException e = assertThrows(RulePackException.class,
                () -> RulePacks.parse("thirdshire.yaml", new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8))));
        assertEquals("thirdshire.yaml", e.file());
        assertEquals(path, e.path());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void continuityBandsMustBeContiguous() {
        String yaml = """
                tenant: gapshire
                name: x
                version: "1"
                zone: UTC
                missed: { source: s, anchor: planned-start, after: PT1H, breachWhen: more-than }
                noReply: { source: s, payable: false }
                refusals: { source: s, consecutive: 3, payable: false }
                hospitalAdmission: { source: s, payable: false }
                continuity:
                  source: s
                  hoursBasis: visit-hours
                  bands:
                    - { fromHours: 0, toHours: 3, target: { maxWorkers: 1, percentOfPackages: 95 } }
                    - { fromHours: 5, target: { maxWorkers: 3, percentOfPackages: 95 } }
                """;
        RulePackException e = assertThrows(RulePackException.class,
                () -> RulePacks.parse("gapshire.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        assertEquals("continuity.bands[1].fromHours", e.path());
    }

    @Test
    void notYaml() {
        RulePackException e = assertThrows(RulePackException.class,
                () -> RulePacks.parse("bad.yaml", new ByteArrayInputStream("tenant: [unclosed".getBytes())));
        assertTrue(e.getMessage().startsWith("bad.yaml: not valid YAML"), e.getMessage());
    }
}
