package org.carebridge.mappings.ecm;

import static org.carebridge.mappings.ecm.EcmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.VisitEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcmCsvParserTest {
    private static final Pseudonymiser KENT = new Pseudonymiser("kent", KENT_KEY);
    private static EcmParseResult result;
    private static String rawFile;

    @BeforeAll
    static void parseProviderFile() throws Exception {
        EcmFeedConfig config = EcmFeedConfig.fromProperties("PRV-7", properties("provider-a.properties"));
        try (var in = new InputStreamReader(resource("provider-a.csv"), StandardCharsets.UTF_8)) {
            result = new EcmCsvParser(config, KENT).parseAll(in);
        }
        try (var in = resource("provider-a.csv")) {
            rawFile = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, VisitEvent> byId() {
        return result.events().stream().collect(Collectors.toMap(VisitEvent::eventId, Function.identity()));
    }

    @Test
    void goodRecordsBecomeEventsWithProviderColumnNamesAndLocalTimes() {
        assertEquals(List.of("A-1", "A-2", "A-3", "A-4", "A-12", "A-13"),
                result.events().stream().map(VisitEvent::eventId).toList());
        VisitEvent in = byId().get("A-1");
        assertEquals(EventKind.CHECK_IN, in.kind());
        assertEquals(Instant.parse("2026-03-02T09:02:00Z"), in.time(), "London is on GMT in March before the clocks change");
        assertEquals(CheckInMethod.APP, in.method());
        assertTrue(in.locationVerified());
        assertEquals("ORD-1", in.orderId());
        assertEquals(KENT.worker("CW-17"), in.worker());
        assertEquals(CheckInMethod.TELEPHONY, byId().get("A-2").method());
        assertFalse(byId().get("A-2").locationVerified());
    }

    @Test
    void manualEntryCarriesCodeReasonWhoAndWhen() {
        VisitEvent m = byId().get("A-3");
        assertEquals(CheckInMethod.MANUAL, m.method());
        assertEquals("PHONE", m.manual().exceptionCode());
        assertEquals("Phone flat, used office line", m.manual().reason());
        assertEquals(KENT.worker("OFF-2"), m.manual().enteredBy());
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), m.manual().enteredAt());
        assertEquals(KENT.worker("AB123456C"), m.worker(), "an NI number alone identifies the worker, pseudonymised");
    }

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaksAndScrubbedNino() {
        VisitEvent r = byId().get("A-4");
        assertEquals(EventKind.REFUSAL, r.kind());
        assertEquals("Said \"not today\"\nand closed the door; carer NI [NI number removed]", r.reason());
    }

    @Test
    void correctionsAndHospitalEvents() {
        assertEquals("A-1", byId().get("A-12").supersedes());
        assertEquals(EventKind.PERSON_IN_HOSPITAL, byId().get("A-13").kind());
    }

    @Test
    void noRawNiNumberOrWorkerIdSurvivesParsing() {
        assertTrue(rawFile.contains("AB 12 34 56 C"), "the test file does carry one");
        String everything = result.toString();
        for (String secret : List.of("AB 12 34 56 C", "AB123456C", "JG 10 37 45 B", "JG103745B", "CW-17", "OFF-2")) {
            assertFalse(everything.contains(secret), secret + " leaked into " + everything);
        }
    }

    @ParameterizedTest(name = "record {0} ({1}): {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "5|A-5|When|not a time in the expected format",
            "6|A-6|Action|unknown event type 'TELEPORT'",
            "7|A-7|Carer|a worker id (or NI number) is required",
            "8|A-8|Agency|another provider",
            "9|A-9|ExCode|required for a manual entry",
            "10|A-10|GPS|expected true/false",
            "11|A-11|ServiceUser|looks like a National Insurance number",
    })
    void eachBadRecordIsReportedWithNumberIdFieldAndReason(long record, String eventId, String field, String reason) {
        RecordError e = result.errors().stream().filter(x -> x.recordNumber() == record).findFirst().orElseThrow();
        assertEquals(eventId, e.eventId());
        assertEquals(field, e.field());
        assertTrue(e.reason().contains(reason), e.reason());
    }

    @Test
    void errorsKeepASanitisedCopyForReplay() {
        assertEquals(7, result.errors().size());
        RecordError bad = result.errors().stream().filter(x -> "A-5".equals(x.eventId())).findFirst().orElseThrow();
        assertEquals(KENT.worker("CW-17"), bad.sanitised().get("workerPseudonym"));
        assertEquals("2026-03-02 09:00", bad.sanitised().get("time"));
        assertFalse(bad.sanitised().containsKey("workerId"));
        RecordError nino = result.errors().stream().filter(x -> x.recordNumber() == 11).findFirst().orElseThrow();
        assertEquals(Pseudonymiser.NINO_REMOVED, nino.sanitised().get("clientId"));
    }

    @Test
    void aHeaderWithoutARequiredColumnFailsTheFile() {
        EcmFeedConfig config = EcmFeedConfig.defaults("PRV-7");
        var e = assertThrows(EcmCsvParser.FeedException.class, () -> new EcmCsvParser(config, KENT)
                .parseAll(new StringReader("eventId,clientId,workerId,type\nE1,P-1,W-1,check-in\n")));
        assertTrue(e.getMessage().contains("[time]"), e.getMessage());
    }

    @Test
    void defaultColumnsIsoTimesSemicolonAndARunawayQuote() {
        EcmFeedConfig config = EcmFeedConfig.fromProperties("PRV-7", Map.of("csv.delimiter", ";"));
        String csv = "\uFEFFeventId;clientId;workerId;type;time;method\n"
                + "E1;P-1;W-1;check-in;2026-07-01T09:00:00+01:00;app\n"
                + "E2;P-1;W-1;check-out;\"" + "x".repeat(EcmCsvParser.MAX_RECORD_CHARS) + "\n"
                + "E3;P-1;W-1;check-out;2026-07-01T09:30;telephony\n";
        EcmParseResult r = new EcmCsvParser(config, KENT).parseAll(new StringReader(csv));
        assertEquals(List.of("E1", "E3"), r.events().stream().map(VisitEvent::eventId).toList());
        assertEquals(Instant.parse("2026-07-01T08:00:00Z"), r.events().get(0).time());
        assertEquals(Instant.parse("2026-07-01T08:30:00Z"), r.events().get(1).time(), "no offset: the feed's zone (BST)");
        assertEquals(1, r.errors().size());
        assertEquals(2, r.errors().get(0).recordNumber());
        assertTrue(r.errors().get(0).reason().contains("longer than"));
    }

    @Test
    void unknownFeedSettingIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> EcmFeedConfig.fromProperties("PRV-7", Map.of("column.carer", "Carer")));
        assertTrue(e.getMessage().contains("column.carer"));
    }
}
