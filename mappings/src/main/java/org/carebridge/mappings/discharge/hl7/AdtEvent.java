package org.carebridge.mappings.discharge.hl7;

import java.time.Instant;

/**
 * What the gateway takes from an ADT message.
 *
 * @param controlId        MSH-10: the sender's message id; a repeat is a retransmission
 * @param type             the trigger event
 * @param sendingFacility  MSH-4 (the hospital), for routing and audit
 * @param nhsNumber        PID-3 repetition with assigning authority NHS (or identifier type NH), valid modulus 11
 * @param patientClass     PV1-2 (I inpatient, E emergency, O outpatient...)
 * @param location         PV1-3
 * @param admittedAt       PV1-44, else the event time
 * @param dischargedAt     PV1-45 (A03), else the event time for a discharge; null otherwise
 * @param dischargeDisposition PV1-36
 * @param eventAt          EVN-6 (event occurred), else EVN-2 (recorded), else MSH-7
 */
public record AdtEvent(
        String controlId,
        AdtType type,
        String sendingApplication,
        String sendingFacility,
        String nhsNumber,
        String patientClass,
        Location location,
        Instant admittedAt,
        Instant dischargedAt,
        String dischargeDisposition,
        Instant eventAt) {

    /** PV1-3 point of care, room, bed, facility. */
    public record Location(String pointOfCare, String room, String bed, String facility) {}

    @Override
    public String toString() {
        return "AdtEvent[controlId=" + controlId + ", type=" + type + ", from=" + sendingFacility + "]";
    }
}
