package org.carebridge.rules.referrals;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.carebridge.rules.referrals.ReferralClocks.Breach;
import org.carebridge.rules.referrals.ReferralClocks.Clock;
import org.carebridge.rules.referrals.ReferralClocks.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** H:794-804 and H:3077-3095 as loaded from rulepacks/referral-clocks-lbhf.yaml, at the band boundaries. */
class ReferralClocksTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final ReferralClocks LBHF = new ReferralClocks(ReferralClockRules.forTenant("lbhf"));

    static Stream<Arguments> windows() {
        Duration s = Duration.ofSeconds(1);
        return Stream.of(
                // start lead,                 priority, discharge, expected window, grade
                Arguments.of(Duration.ofHours(1), null, false, "PT2H", null),
                Arguments.of(Duration.ofHours(24), null, false, "PT2H", null),
                Arguments.of(Duration.ofHours(24).plus(s), null, false, "PT24H", null),
                Arguments.of(Duration.ofDays(3), null, false, "PT24H", null),
                Arguments.of(Duration.ofDays(3).plus(s), null, false, "PT48H", null),
                Arguments.of(Duration.ofDays(7), null, false, "PT48H", null),
                Arguments.of(Duration.ofDays(7).plus(s), null, false, "PT72H", null),
                Arguments.of(Duration.ofDays(30), null, false, "PT72H", null),
                Arguments.of(null, null, false, "PT72H", null),
                Arguments.of(Duration.ofDays(10), "routine", false, "PT72H", null),
                Arguments.of(Duration.ofDays(10), "stat", false, "PT3H", "urgent"),
                Arguments.of(Duration.ofDays(10), "asap", false, "PT3H", "urgent"),
                Arguments.of(Duration.ofDays(10), "urgent", false, "PT24H", "medium"),
                Arguments.of(Duration.ofHours(12), "urgent", false, "PT2H", "medium"),
                // hospital discharge: at least the 24-hour grade
                Arguments.of(Duration.ofDays(10), null, true, "PT24H", "medium"),
                Arguments.of(Duration.ofDays(10), "routine", true, "PT24H", "medium"),
                Arguments.of(Duration.ofDays(10), "stat", true, "PT3H", "urgent"),
                Arguments.of(Duration.ofHours(6), null, true, "PT2H", "medium"));
    }

    @ParameterizedTest(name = "start +{0}, priority {1}, discharge {2} -> {3}")
    @MethodSource("windows")
    void responseWindow(Duration lead, String priority, boolean discharge, String window, String grade) {
        ReferralClocks.Deadlines d = LBHF.deadlines(new Request(T0, lead == null ? null : T0.plus(lead), priority, discharge));

        assertEquals(Duration.parse(window), d.responseWindow());
        assertEquals(T0.plus(Duration.parse(window)), d.respondBy());
        assertEquals(T0.plusSeconds(2 * 3600), d.acknowledgeBy());
        assertEquals(grade, d.grade());
    }

    private static final Request IN_TEN_DAYS = new Request(T0, T0.plus(Duration.ofDays(10)), null, false);
    private static final Instant ACK_BY = T0.plus(Duration.ofHours(2));
    private static final Instant RESPOND_BY = T0.plus(Duration.ofHours(72));

    static Stream<Arguments> breaches() {
        Duration s = Duration.ofSeconds(1);
        return Stream.of(
                // acknowledged, responded, now -> breaches
                Arguments.of(ACK_BY, null, ACK_BY, List.of()),
                Arguments.of(ACK_BY.plus(s), null, ACK_BY.plus(s), List.of(new Breach(Clock.ACKNOWLEDGEMENT, ACK_BY, s, false))),
                Arguments.of(null, null, ACK_BY, List.of()),
                Arguments.of(null, null, ACK_BY.plus(Duration.ofMinutes(5)),
                        List.of(new Breach(Clock.ACKNOWLEDGEMENT, ACK_BY, Duration.ofMinutes(5), true))),
                // a response within the acknowledgement window acknowledges too
                Arguments.of(null, T0.plus(Duration.ofHours(1)), RESPOND_BY.plus(Duration.ofDays(1)), List.of()),
                Arguments.of(T0, RESPOND_BY, RESPOND_BY.plus(Duration.ofDays(1)), List.of()),
                Arguments.of(T0, RESPOND_BY.plus(s), RESPOND_BY.plus(Duration.ofDays(1)),
                        List.of(new Breach(Clock.RESPONSE, RESPOND_BY, s, false))),
                Arguments.of(T0, null, RESPOND_BY, List.of()),
                Arguments.of(T0, null, RESPOND_BY.plus(Duration.ofHours(3)),
                        List.of(new Breach(Clock.RESPONSE, RESPOND_BY, Duration.ofHours(3), true))),
                Arguments.of(null, null, RESPOND_BY.plus(s), List.of(
                        new Breach(Clock.ACKNOWLEDGEMENT, ACK_BY, Duration.between(ACK_BY, RESPOND_BY.plus(s)), true),
                        new Breach(Clock.RESPONSE, RESPOND_BY, s, true))));
    }

    @ParameterizedTest
    @MethodSource("breaches")
    void breachesAsOfNow(Instant acknowledged, Instant responded, Instant now, List<Breach> expected) {
        assertEquals(expected, LBHF.breaches(IN_TEN_DAYS, acknowledged, responded, now));
    }

    @Test
    void kpiTimes() {
        ReferralClocks.Times t = LBHF.times(IN_TEN_DAYS, T0.plus(Duration.ofMinutes(90)), T0.plus(Duration.ofHours(80)));
        assertEquals(Duration.ofMinutes(90), t.acknowledgedIn());
        assertEquals(Duration.ofHours(80), t.respondedIn());
        assertTrue(t.acknowledgedInTime());
        assertFalse(t.respondedInTime());
    }

    @Test
    void bothTenantsHaveClockFilesAndAnUnknownTenantIsNamed() {
        assertEquals("kent", ReferralClockRules.forTenant("kent").tenant());
        assertEquals("lbhf", ReferralClockRules.forTenant("lbhf").tenant());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferralClockRules.forTenant("nowhere"));
        assertTrue(e.getMessage().contains("referral-clocks-nowhere.yaml"));
    }

    @Test
    void aBadRuleFileIsRejectedNamingFileAndField() {
        String bad = """
                acknowledgeWithin: two hours
                responseByStart:
                  - respondWithin: PT72H
                grades: {}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferralClockRules.parse(
                new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "referral-clocks-test.yaml"));
        assertTrue(e.getMessage().contains("referral-clocks-test.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("acknowledgeWithin"), e.getMessage());

        String noOpenBand = """
                acknowledgeWithin: PT2H
                responseByStart:
                  - startsWithin: PT24H
                    respondWithin: PT2H
                grades: {}
                """;
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> ReferralClockRules.parse(
                new ByteArrayInputStream(noOpenBand.getBytes(StandardCharsets.UTF_8)), "referral-clocks-test.yaml"));
        assertTrue(e2.getMessage().contains("last responseByStart band"), e2.getMessage());
    }
}
