package org.carebridge.gateway.discharge;

/**
 * One outbound notification caused by a discharge message or rule: an offer, an acceptance, a withdrawal, a
 * suspension, a restart, a response to a hospital.
 *
 * @param kind       e.g. offer-made, order-started, stay-suspended, bars-response (see docs/discharge.md)
 * @param recipient  who must be told: a FHIR reference (Organization/..., the council's brokerage) or, for
 *                   messages back to a hospital, its endpoint
 * @param subjectRef what it is about (ServiceRequest/..., Task/...)
 * @param payload    the message to send (FHIR JSON) or a short JSON summary; never logged
 */
public record DischargeEvent(String kind, String recipient, String subjectRef, String payload) {}
