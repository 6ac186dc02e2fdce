package org.carebridge.mappings.discharge.hl7;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carebridge.mappings.common.NhsNumber;

/**
 * ADT A01/A03/A08/A11/A13 to {@link AdtEvent}. Validation decides the ACK: a header the receiver cannot use or an
 * event it does not take is AR; a supported event missing what the gateway needs (a valid NHS number) is AE.
 */
public final class AdtParser {
    /** HL7 timestamps without an offset are the sender's local time: English hospitals. */
    private static final ZoneId ENGLAND = ZoneId.of("Europe/London");
    private static final Pattern TS = Pattern.compile("(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.\\d+)?([+-]\\d{4})?");

    private AdtParser() {}

    public static AdtParseResult parse(String text) {
        Hl7Message msg;
        try {
            msg = Hl7Message.parse(text);
        } catch (Hl7ParseException e) {
            return AdtParseResult.failed(null, AckCode.AR, "100", "MSH", e.getMessage());
        }
        Hl7Message.Segment msh = msg.segment("MSH").orElseThrow();
        AdtParseResult.MessageHeaderFields h = new AdtParseResult.MessageHeaderFields(msh.get(3), msh.get(4), msh.get(5),
                msh.get(6), msh.get(9, 1), msh.get(9, 2), msh.get(10), msh.get(11), msh.get(12));
        if (h.controlId().isEmpty()) {
            return AdtParseResult.failed(h, AckCode.AR, "101", "MSH^1^10", "MSH-10 message control id is missing");
        }
        if (!"ADT".equals(h.messageType())) {
            return AdtParseResult.failed(h, AckCode.AR, "200", "MSH^1^9", "unsupported message type " + h.messageType());
        }
        Optional<AdtType> type = AdtType.fromTrigger(h.trigger());
        if (type.isEmpty()) {
            return AdtParseResult.failed(h, AckCode.AR, "201", "MSH^1^9",
                    "unsupported event " + h.trigger() + ": this receiver takes A01, A03, A08, A11, A13");
        }
        Optional<Hl7Message.Segment> pid = msg.segment("PID");
        if (pid.isEmpty()) {
            return AdtParseResult.failed(h, AckCode.AE, "100", "PID", "PID segment is missing");
        }
        String nhs = null;
        boolean nhsPresent = false;
        for (String rep : pid.get().repetitions(3)) {
            boolean isNhs = "NHS".equalsIgnoreCase(pid.get().subcomponent(rep, 4, 1)) || "NH".equals(pid.get().component(rep, 5));
            if (isNhs && !pid.get().component(rep, 1).isEmpty()) {
                nhsPresent = true;
                nhs = pid.get().component(rep, 1);
                break;
            }
        }
        if (!nhsPresent) {
            return AdtParseResult.failed(h, AckCode.AE, "101", "PID^1^3", "NHS number missing from PID-3 (assigning authority NHS)");
        }
        if (!NhsNumber.isValid(nhs)) {
            return AdtParseResult.failed(h, AckCode.AE, "102", "PID^1^3", "NHS number in PID-3 fails the modulus 11 check");
        }
        Optional<Hl7Message.Segment> pv1 = msg.segment("PV1");
        Optional<Hl7Message.Segment> evn = msg.segment("EVN");
        Instant eventAt;
        Instant admitted;
        Instant discharged;
        try {
            eventAt = evn.map(e -> ts(e.get(6))).filter(t -> t != null)
                    .or(() -> evn.map(e -> ts(e.get(2))).filter(t -> t != null))
                    .orElseGet(() -> ts(msh.get(7)));
            admitted = pv1.map(p -> ts(p.get(44))).orElse(null);
            discharged = pv1.map(p -> ts(p.get(45))).orElse(null);
        } catch (IllegalArgumentException e) {
            return AdtParseResult.failed(h, AckCode.AE, "102", e.getMessage(), "timestamp is not an HL7 TS value");
        }
        if (eventAt == null) {
            return AdtParseResult.failed(h, AckCode.AE, "101", "EVN^1^2", "no event time in EVN-6, EVN-2 or MSH-7");
        }
        if (type.get() == AdtType.A01 && admitted == null) {
            admitted = eventAt;
        }
        if (type.get() == AdtType.A03 && discharged == null) {
            discharged = eventAt;
        }
        AdtEvent.Location location = pv1.map(p -> {
            String pl = p.repetitions(3).isEmpty() ? "" : p.repetitions(3).get(0);
            return new AdtEvent.Location(p.component(pl, 1), p.component(pl, 2), p.component(pl, 3), p.component(pl, 4));
        }).orElse(null);
        return AdtParseResult.accepted(new AdtEvent(h.controlId(), type.get(), h.sendingApplication(), h.sendingFacility(),
                NhsNumber.normalise(nhs), pv1.map(p -> p.get(2)).orElse(""), location, admitted, discharged,
                pv1.map(p -> p.get(36)).orElse(""), eventAt), h);
    }

    /** HL7 TS (YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]) to an instant; "" is null. */
    static Instant ts(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Matcher m = TS.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("timestamp");
        }
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), num(m.group(2), 1), num(m.group(3), 1),
                num(m.group(4), 0), num(m.group(5), 0), num(m.group(6), 0));
        if (m.group(7) != null) {
            return OffsetDateTime.of(local, ZoneOffset.of(m.group(7).substring(0, 3) + ":" + m.group(7).substring(3))).toInstant();
        }
        return local.atZone(ENGLAND).toInstant();
    }

    private static int num(String s, int dflt) {
        return s == null ? dflt : Integer.parseInt(s);
    }

    /** For ACKs: HL7 TS in UTC with offset. */
    static String format(Instant t) {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").format(t.atOffset(ZoneOffset.UTC));
    }

}
