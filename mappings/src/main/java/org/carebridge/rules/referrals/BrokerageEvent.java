package org.carebridge.rules.referrals;

import java.time.Instant;

/** What happened in brokerage: each becomes an outbound notification (issue #6 point 5). */
public sealed interface BrokerageEvent {
    String referralId();

    Instant at();

    record OfferMade(String referralId, String offerId, String providerId, Instant at) implements BrokerageEvent {}

    record OfferAccepted(String referralId, String offerId, String providerId, Instant at) implements BrokerageEvent {}

    record OfferDeclined(String referralId, String offerId, String providerId, String reason, Instant at)
            implements BrokerageEvent {}

    /** Brokerage took the offer back: another provider won, or the referral was cancelled. */
    record OfferWithdrawn(String referralId, String offerId, String providerId, Instant at) implements BrokerageEvent {}

    /** Every provider asked has declined: brokerage must find another (an alert to brokerage). */
    record AllOffersDeclined(String referralId, Instant at) implements BrokerageEvent {}
}
