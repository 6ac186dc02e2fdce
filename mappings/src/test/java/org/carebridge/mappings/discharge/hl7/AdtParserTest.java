package org.carebridge.mappings.discharge.hl7;

import static org.carebridge.mappings.discharge.hl7.AdtMessages.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdtParserTest {
    private static final Instant NOW = Instant.parse("2026-01-05T09:30:05Z");

    @Test
    void anAdmissionIsRead() {
        AdtParseResult r = AdtParser.parse(admit("MSG0001", "20260105080000"));

        assertTrue(r.ok(), r.reason());
        AdtEvent e = r.event();
        assertEquals("MSG0001", e.controlId());
        assertEquals(AdtType.A01, e.type());
        assertEquals(NHS, e.nhsNumber());
        assertEquals("RVV01", e.sendingFacility());
        assertEquals("I", e.patientClass());
        assertEquals(new AdtEvent.Location("WARD7", "B2", "12", "RVV01"), e.location());
        // 08:00 in January is GMT
        assertEquals(Instant.parse("2026-01-05T08:00:00Z"), e.admittedAt());
        assertNull(e.dischargedAt());
        assertFalse(e.toString().contains(NHS));
    }

    @Test
    void aDischargeIsReadWithItsTimesAndDisposition() {
        AdtEvent e = AdtParser.parse(discharge("MSG0002", "20260601080000+0100", "20260603140000")).event();
        assertEquals(AdtType.A03, e.type());
        assertEquals(Instant.parse("2026-06-01T07:00:00Z"), e.admittedAt());
        // 14:00 local in June is BST (UTC+1)
        assertEquals(Instant.parse("2026-06-03T13:00:00Z"), e.dischargedAt());
        assertEquals("01", e.dischargeDisposition());
    }

    static Stream<Arguments> supported() {
        return Stream.of("A01", "A03", "A08", "A11", "A13").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("supported")
    void everySupportedEventIsAccepted(String trigger) {
        AdtParseResult r = AdtParser.parse(adt(trigger, "C-" + trigger, NHS + "^^^NHS^NH", ""));
        assertTrue(r.ok(), r.reason());
        assertEquals(AdtType.valueOf(trigger), r.event().type());
        // A01/A03 without PV1-44/45 take the event time (EVN-2)
        Instant evn = Instant.parse("2026-01-05T09:30:00Z");
        assertEquals(trigger.equals("A01") ? evn : null, r.event().admittedAt());
        assertEquals(trigger.equals("A03") ? evn : null, r.event().dischargedAt());
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("transfer is not taken", adt("A02", "C1", NHS + "^^^NHS^NH", ""), AckCode.AR, "201", "C1"),
                Arguments.of("not ADT", adt("A01", "C2", NHS + "^^^NHS^NH", "").replace("ADT^A01^ADT_A01", "ORU^R01"), AckCode.AR, "200", "C2"),
                Arguments.of("no control id", adt("A01", "", NHS + "^^^NHS^NH", ""), AckCode.AR, "101", ""),
                Arguments.of("not HL7", "hello", AckCode.AR, "100", ""),
                Arguments.of("no NHS number", adt("A01", "C3", "H123456^^^RVV^MR", ""), AckCode.AE, "101", "C3"),
                Arguments.of("invalid NHS number", adt("A01", "C4", "9434765918^^^NHS^NH", ""), AckCode.AE, "102", "C4"),
                Arguments.of("no PID", adt("A01", "C5", NHS + "^^^NHS^NH", "").replaceAll("PID\\|[^\r]*\r", ""), AckCode.AE, "100", "C5"),
                Arguments.of("bad admit time", admit("C6", "yesterday"), AckCode.AE, "102", "C6"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failuresAreAnsweredWithTheRightAck(String name, String message, AckCode code, String errorCode, String controlId) {
        AdtParseResult r = AdtParser.parse(message);

        assertFalse(r.ok());
        assertEquals(code, r.rejection());
        assertEquals(errorCode, r.hl7ErrorCode());
        String ack = AckBuilder.reject(r, "ACK-1", NOW);
        Hl7Message parsed = Hl7Message.parse(ack);
        assertEquals(code.name(), parsed.segment("MSA").orElseThrow().get(1));
        assertEquals(controlId, parsed.segment("MSA").orElseThrow().get(2));
        assertFalse(parsed.segment("MSA").orElseThrow().get(3).isEmpty(), "MSA-3 gives the reason");
        assertEquals(errorCode, parsed.segment("ERR").orElseThrow().get(3, 1));
        assertEquals("E", parsed.segment("ERR").orElseThrow().get(4));
        assertFalse(ack.contains(NHS), "no NHS number echoed in an ACK");
    }

    @Test
    void anAcceptAckSwapsSenderAndReceiverAndEchoesTheControlId() {
        AdtParseResult r = AdtParser.parse(admit("MSG0001", "20260105080000"));
        String ack = AckBuilder.accept(r.header(), "ACK-7", NOW);

        assertEquals("MSH|^~\\&|CAREBRIDGE|KCC|PAS|RVV01|20260105093005+0000||ACK^A01^ACK|ACK-7|P|2.5\rMSA|AA|MSG0001\r", ack);
    }

    @Test
    void escapesAndLineFeedsAreHandled() {
        String msg = admit("MSG\\F\\9", "20260105080000").replace('\r', '\n');
        AdtParseResult r = AdtParser.parse(msg);
        assertTrue(r.ok(), r.reason());
        assertEquals("MSG|9", r.event().controlId());
        assertTrue(AckBuilder.accept(r.header(), "A", NOW).contains("MSA|AA|MSG\\F\\9\r"));
    }

    @Test
    void threeEncodingCharactersAreEnough() {
        AdtParseResult r = AdtParser.parse(admit("MSG0009", "20260105080000").replace("MSH|^~\\&|", "MSH|^~\\|"));
        assertTrue(r.ok(), r.reason());
        assertEquals(NHS, r.event().nhsNumber());
    }

    @Test
    void anOversizedMessageIsRefusedBeforeParsing() {
        String big = "MSH|^~\\&|" + "x".repeat(Hl7Message.MAX_LENGTH);
        AdtParseResult r = AdtParser.parse(big);
        assertEquals(AckCode.AR, r.rejection());
    }
}
