package org.carebridge.mappings.ecm;

import static org.carebridge.mappings.ecm.EcmTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carebridge.rules.visits.CheckInMethod;
import org.carebridge.rules.visits.EventKind;
import org.carebridge.rules.visits.VisitEvent;
import org.junit.jupiter.api.Test;

class EcmJsonParserTest {
    private static final Pseudonymiser LBHF = new Pseudonymiser("lbhf", LBHF_KEY);

    @Test
    void defaultFieldNamesInAnEventsEnvelope() {
        EcmParseResult r = new EcmJsonParser(EcmFeedConfig.defaults("PRV-7"), LBHF).parseAll(resource("push-default.json"));
        assertEquals(List.of("J-1", "J-2", "J-3", "J-6"), r.events().stream().map(VisitEvent::eventId).toList());
        VisitEvent in = r.events().get(0);
        assertEquals("V1", in.visitId());
        assertEquals("PRV-7", r.events().get(1).providerId(), "provider defaults to the feed's");
        assertEquals(EventKind.NO_REPLY, r.events().get(2).kind());
        assertEquals(Instant.parse("2026-03-03T10:02:00Z"), r.events().get(3).manual().enteredAt());
        assertEquals(2, r.errors().size());
        assertEquals(new RecordError(4, "J-4", "time", r.errors().get(0).reason(), r.errors().get(0).sanitised()),
                r.errors().get(0));
        assertEquals("clientId", r.errors().get(1).field());
        assertEquals(5, r.errors().get(1).recordNumber());
    }

    @Test
    void nestedPropertiesByDottedNamesAndNonObjectsInAnArray() {
        EcmFeedConfig config = EcmFeedConfig.fromProperties("PRV-7", Map.of(
                "column.eventId", "id", "column.clientId", "client.ref", "column.workerId", "carer.ref",
                "column.type", "kind", "column.time", "at", "column.exceptionCode", "manual.code",
                "column.reason", "manual.why", "column.enteredBy", "manual.by", "column.enteredAt", "manual.at"));
        EcmParseResult r = new EcmJsonParser(config, LBHF).parseAll(resource("push-nested.json"));
        assertEquals(List.of("N-1", "N-2"), r.events().stream().map(VisitEvent::eventId).toList());
        VisitEvent m = r.events().get(0);
        assertEquals(CheckInMethod.MANUAL, m.method());
        assertEquals("NFC-BROKEN", m.manual().exceptionCode());
        assertEquals(LBHF.worker("OFF-1"), m.manual().enteredBy());
        assertEquals(1, r.errors().size());
        assertEquals(2, r.errors().get(0).recordNumber());
    }

    @Test
    void aSingleEventObject() {
        String json = "{\"eventId\":\"S-1\",\"clientId\":\"P-1\",\"workerId\":\"W-1\",\"type\":\"refusal\","
                + "\"time\":\"2026-03-02T09:00:00Z\",\"reason\":\"unwell\"}";
        EcmParseResult r = new EcmJsonParser(EcmFeedConfig.defaults("PRV-7"), LBHF)
                .parseAll(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("unwell", r.events().get(0).reason());
    }

    @Test
    void brokenJsonNamesThePositionNotTheContent() {
        String json = "[{\"eventId\":\"S-1\",\"workerId\":\"AB123456C\" \"x\"}]";
        var e = assertThrows(EcmCsvParser.FeedException.class, () -> new EcmJsonParser(EcmFeedConfig.defaults("PRV-7"), LBHF)
                .parseAll(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertFalse(e.getMessage().contains("AB123456C"));
    }
}
