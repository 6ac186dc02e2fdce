package org.carebridge.rules.referrals;

import java.time.Instant;

/**
 * One offer of a package to one provider (a FHIR Task per provider). Status follows Task: requested (waiting for
 * the provider), accepted, rejected (declined by the provider), cancelled (withdrawn by brokerage).
 */
public record Offer(String offerId, String providerId, Status status, Instant offeredAt, Instant answeredAt,
                    String declineReason) {

    public enum Status {
        REQUESTED("requested"), ACCEPTED("accepted"), REJECTED("rejected"), CANCELLED("cancelled");

        private final String taskCode;

        Status(String taskCode) {
            this.taskCode = taskCode;
        }

        /** The FHIR Task.status code. */
        public String taskCode() {
            return taskCode;
        }
    }

    public boolean open() {
        return status == Status.REQUESTED;
    }

    Offer with(Status s, Instant at, String reason) {
        return new Offer(offerId, providerId, s, offeredAt, at, reason);
    }
}
