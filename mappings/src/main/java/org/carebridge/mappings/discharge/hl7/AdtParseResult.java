package org.carebridge.mappings.discharge.hl7;

/**
 * The outcome of reading an ADT message: the event, or the ACK code and reason to answer with. The header fields
 * needed to address an ACK are kept in both cases (null only when there was no MSH at all).
 *
 * @param hl7ErrorCode HL7 table 0357 code for ERR-3 (101 required field missing, 102 data type error,
 *                     200 unsupported message type, 201 unsupported event code, 207 application internal error)
 */
public record AdtParseResult(AdtEvent event, MessageHeaderFields header, AckCode rejection, String hl7ErrorCode,
                             String errorLocation, String reason) {

    /** MSH fields that an ACK echoes or swaps. */
    public record MessageHeaderFields(String sendingApplication, String sendingFacility, String receivingApplication,
                                      String receivingFacility, String messageType, String trigger, String controlId,
                                      String processingId, String versionId) {}

    public boolean ok() {
        return event != null;
    }

    static AdtParseResult accepted(AdtEvent event, MessageHeaderFields header) {
        return new AdtParseResult(event, header, null, null, null, null);
    }

    static AdtParseResult failed(MessageHeaderFields header, AckCode code, String errorCode, String location, String reason) {
        return new AdtParseResult(null, header, code, errorCode, location, reason);
    }
}
