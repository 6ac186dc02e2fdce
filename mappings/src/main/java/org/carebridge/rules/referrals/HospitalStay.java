package org.carebridge.rules.referrals;

import java.time.Instant;

/**
 * A person's current hospital stay as the gateway knows it from ADT events.
 *
 * @param admittedAt   from the A01
 * @param dischargedAt from the A03, null while in hospital
 * @param suspended    whether the 48-hour rule has suspended the person's orders for this stay
 */
public record HospitalStay(String nhsNumber, Status status, Instant admittedAt, Instant dischargedAt, boolean suspended) {
    public enum Status { IN_HOSPITAL, DISCHARGED, ADMISSION_CANCELLED }

    @Override
    public String toString() {
        return "HospitalStay[status=" + status + ", admittedAt=" + admittedAt + ", suspended=" + suspended + "]";
    }
}
