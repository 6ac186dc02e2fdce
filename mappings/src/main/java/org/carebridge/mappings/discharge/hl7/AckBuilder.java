package org.carebridge.mappings.discharge.hl7;

import java.time.Instant;

/**
 * HL7 v2 ACK in original mode: MSH with sender and receiver swapped, MSA-1 AA/AE/AR, MSA-2 = the incoming
 * MSH-10, MSA-3 the reason in words, and for AE/AR an ERR segment (v2.5: ERR-2 location, ERR-3 HL7 0357 code,
 * ERR-4 severity E). Segments end with CR.
 */
public final class AckBuilder {
    private AckBuilder() {}

    public static String accept(AdtParseResult.MessageHeaderFields in, String ackControlId, Instant now) {
        return build(in, AckCode.AA, null, null, null, ackControlId, now);
    }

    /** The ACK for a failed parse result. */
    public static String reject(AdtParseResult failed, String ackControlId, Instant now) {
        return build(failed.header(), failed.rejection(), failed.hl7ErrorCode(), failed.errorLocation(), failed.reason(),
                ackControlId, now);
    }

    /** AE for a message that was understood but could not be applied (e.g. the store failed). */
    public static String applicationError(AdtParseResult.MessageHeaderFields in, String reason, String ackControlId, Instant now) {
        return build(in, AckCode.AE, "207", null, reason, ackControlId, now);
    }

    public static String build(AdtParseResult.MessageHeaderFields in, AckCode code, String errorCode, String location,
                               String reason, String ackControlId, Instant now) {
        AdtParseResult.MessageHeaderFields h = in != null ? in
                : new AdtParseResult.MessageHeaderFields("", "", "", "", "", "", "", "P", "2.5");
        StringBuilder b = new StringBuilder();
        b.append("MSH|^~\\&|").append(esc(h.receivingApplication())).append('|').append(esc(h.receivingFacility()))
                .append('|').append(esc(h.sendingApplication())).append('|').append(esc(h.sendingFacility()))
                .append('|').append(AdtParser.format(now)).append("||ACK");
        if (!h.trigger().isEmpty()) {
            b.append('^').append(esc(h.trigger())).append("^ACK");
        }
        b.append('|').append(esc(ackControlId)).append('|').append(h.processingId().isEmpty() ? "P" : esc(h.processingId()))
                .append('|').append(h.versionId().isEmpty() ? "2.5" : esc(h.versionId())).append('\r');
        b.append("MSA|").append(code.name()).append('|').append(esc(h.controlId()));
        if (reason != null) {
            b.append('|').append(esc(reason));
        }
        b.append('\r');
        if (code != AckCode.AA) {
            b.append("ERR||").append(location == null ? "" : location).append('|')
                    .append(errorCode == null ? "207" : errorCode).append('^').append(errorText(errorCode))
                    .append("^HL70357|E|");
            b.append('\r');
        }
        return b.toString();
    }

    /** Display text of the HL7 table 0357 codes this receiver uses. */
    static String errorText(String code) {
        return switch (code == null ? "207" : code) {
            case "100" -> "Segment sequence error";
            case "101" -> "Required field missing";
            case "102" -> "Data type error";
            case "200" -> "Unsupported message type";
            case "201" -> "Unsupported event code";
            default -> "Application internal error";
        };
    }

    /** Escapes the separators in a value copied into the ACK. */
    static String esc(String v) {
        if (v == null) {
            return "";
        }
        return v.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\").replace("&", "\\T\\").replace("~", "\\R\\");
    }
}
