package org.carebridge.rules.referrals;

/**
 * A provider's answer that cannot be applied (the offer was withdrawn, already answered, or is unknown). The
 * gateway answers the provider's Task update with 409 and this message; no personal data in it.
 */
public class BrokerageConflict extends RuntimeException {
    public BrokerageConflict(String message) {
        super(message);
    }
}
