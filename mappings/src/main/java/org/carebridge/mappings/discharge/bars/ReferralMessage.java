package org.carebridge.mappings.discharge.bars;

import java.time.Instant;
import java.util.List;

/**
 * What the domain needs from a valid BaRS referral message, free of FHIR plumbing.
 *
 * @param requestId       X-Request-Id of the delivery (idempotency key), may be null when the caller had none
 * @param correlationId   X-Correlation-Id (conversation)
 * @param bundleId        Bundle.id: a response message refers back to it in MessageHeader.response.identifier
 * @param event           MessageHeader.eventCoding
 * @param reason          new or update
 * @param action          what the receiver must do with its copy of the referral
 * @param serviceRequestStatus ServiceRequest.status as sent (revoked = cancellation)
 * @param serviceRequestRef the focus reference as written in the message (fullUrl or relative)
 * @param serviceRequestIdentifiers ServiceRequest.identifier as system|value: the sender's referral ids
 * @param nhsNumber       the patient's NHS number (valid modulus 11)
 * @param senderOds       ODS code of MessageHeader.sender
 * @param requestedStart  ServiceRequest.occurrence (start), null when not given
 * @param priority        ServiceRequest.priority (routine, urgent, asap, stat), null when not given
 * @param categories      ServiceRequest.category codes as system|code
 * @param discharge       true when the referral is for a hospital discharge (see {@link BarsMessageValidator})
 * @param sourceEndpoint  MessageHeader.source.endpoint: where an asynchronous response goes
 * @param response        for a response message: the request it answers, else null
 */
public record ReferralMessage(
        String requestId,
        String correlationId,
        String bundleId,
        BarsEvent event,
        Reason reason,
        Action action,
        String serviceRequestStatus,
        String serviceRequestRef,
        List<String> serviceRequestIdentifiers,
        String nhsNumber,
        String senderOds,
        Instant requestedStart,
        String priority,
        List<String> categories,
        boolean discharge,
        String sourceEndpoint,
        ResponseRef response) {

    public ReferralMessage {
        serviceRequestIdentifiers = List.copyOf(serviceRequestIdentifiers);
        categories = List.copyOf(categories);
    }

    public enum Reason { NEW, UPDATE }

    /** What the receiver does: create a referral, update it, or cancel it (ServiceRequest revoked). */
    public enum Action { CREATE, UPDATE, CANCEL, RESPONSE }

    /** MessageHeader.response of a response message. */
    public record ResponseRef(String identifier, String code) {}

    /** Whether the sender asked for an asynchronous response message. */
    public boolean wantsAsyncResponse() {
        return sourceEndpoint != null && !sourceEndpoint.isBlank();
    }

    /** No NHS number in toString: records print their fields, and these end up in logs. */
    @Override
    public String toString() {
        return "ReferralMessage[bundleId=" + bundleId + ", requestId=" + requestId + ", event=" + event
                + ", action=" + action + ", sender=" + senderOds + "]";
    }
}
